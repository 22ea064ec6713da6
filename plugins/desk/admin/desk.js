/* The editors' desk: what Decap CMS's configuration (config.yml) cannot say.
 * Loaded after decap-cms.js. No request leaves the page's own origin and the backend. */
(function () {
  "use strict";

  // Photos: fit the longest side in __PHOTO_MAX_SIDE__ px before Decap re-encodes the photo
  // (media_processing in config.yml). Decap draws the bitmap it gets from
  // createImageBitmap(file) onto a canvas of the same size and encodes the canvas: the
  // stored file is the smaller photo, upright, with no EXIF (no GPS position, no camera).
  // Decap's own `width` would set one width for every photo, enlarging small ones.
  var MAX_SIDE = __PHOTO_MAX_SIDE__;
  var nativeBitmap = window.createImageBitmap.bind(window);
  window.createImageBitmap = function (source) {
    if (arguments.length > 1 || !(source instanceof Blob)) {
      return nativeBitmap.apply(null, arguments);
    }
    return nativeBitmap(source).then(function (bitmap) {
      var longest = Math.max(bitmap.width, bitmap.height);
      if (longest <= MAX_SIDE) {
        return bitmap;
      }
      var scale = MAX_SIDE / longest;
      return nativeBitmap(bitmap, {
        resizeWidth: Math.round(bitmap.width * scale),
        resizeHeight: Math.round(bitmap.height * scale),
        resizeQuality: "high"
      }).then(function (small) {
        bitmap.close();
        return small;
      });
    });
  };

  // Preview: the site's stylesheet and the story page's markup (theme/templates/article.html).
  var CMS = window.CMS;
  var h = window.h;
  CMS.registerPreviewStyle("../theme/css/main.css");
  CMS.registerPreviewStyle("desk.css");

  var StoryPreview = window.createClass({
    render: function () {
      var entry = this.props.entry;
      var get = function (key) { return entry.getIn(["data", key]); };
      var image = entry.getIn(["data", "image"]);
      var figure = null;
      if (image && image.get("src")) {
        figure = h("figure", { className: "story-figure" },
          h("img", { src: this.props.getAsset(image.get("src")).toString(), alt: image.get("alt") || "" }),
          image.get("caption") ? h("figcaption", null, image.get("caption")) : null);
      }
      var date = get("date");
      return h("div", { className: "desk-preview" },
        h("article", { className: "story" },
          h("header", { className: "story-header" },
            h("h1", { className: "story-title" }, get("title")),
            h("p", { className: "story-meta" }, date ? String(date).slice(0, 10) : ""),
            get("summary") ? h("div", { className: "story-lead" }, h("p", null, get("summary"))) : null),
          figure,
          h("div", { className: "story-body" }, this.props.widgetFor("body"))));
    }
  });
  CMS.registerPreviewTemplate("stories", StoryPreview);
})();
