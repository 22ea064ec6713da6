"""Phone photos (issue 14, point 6): an original is never published as is, nothing published
carries EXIF or GPS or weighs over 1.5 MB; the check warns about heavy originals and
`make photos` (also in the pre-commit hook) shrinks them in place.

The photos are made here as a phone makes them: 4032x3024, 4-6 MB of detail, EXIF with the
camera, a GPS position and an orientation tag (6: the phone was held upright, the pixels are
stored sideways).
"""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from test_editor_tools import GIT_IDENTITY, clean_env, git, make, run_tool

from conftest import Site, story
from images import originals
from images import renditions as rend

GPS_IFD, ORIENTATION, MAKER = 0x8825, 0x0112, 0x010F
PHONE = (4032, 3024)


def phone_photo(path: Path, orientation: int = 6, seed: int = 0) -> Path:
    """A JPEG as a phone writes it: sensor-like detail, quality 92, EXIF with GPS."""
    gradient = Image.linear_gradient("L").resize(PHONE).convert("RGB")
    noise = Image.effect_noise(PHONE, 40 + seed).convert("RGB")
    scene = Image.merge(
        "RGB", (gradient.getchannel(0), noise.getchannel(0), gradient.getchannel(0))
    )
    pixels = Image.blend(scene, noise, 0.2)
    exif = Image.Exif()
    exif[MAKER] = "Phone maker"
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (21.0, 35.0, 12.5), 3: "E", 4: (105.0, 50.0, 3.2)})
    path.parent.mkdir(parents=True, exist_ok=True)
    pixels.save(path, "JPEG", quality=92, exif=exif.tobytes())
    return path


@pytest.fixture(scope="module")
def phone_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = phone_photo(tmp_path_factory.mktemp("phone") / "p.jpg")
    data = path.read_bytes()
    assert len(data) > 3_000_000  # as heavy as a phone's
    return data


def _image(name: str) -> str:
    return f"image:\n  src: images/{name}\n  alt: Ảnh hội nghị"


@pytest.fixture
def phone_site(site: Site, phone_bytes: bytes) -> Site:
    (site.root / "content/images").mkdir(parents=True)
    (site.root / "content/images/hoi-nghi.jpg").write_bytes(phone_bytes)
    (site.root / "content/images/khong-dung.jpg").write_bytes(phone_bytes + b"\0")
    site.add_story("a.vi.md", story("a", "vi", "Hội nghị", extra=_image("hoi-nghi.jpg")))
    site.add_story("a.en.md", story("a", "en", "Conference", extra=_image("hoi-nghi.jpg")))
    return site


def _published_images(output: Path) -> list[Path]:
    return [
        p
        for p in output.rglob("*")
        if p.is_file() and p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".gif")
    ]


def test_no_original_is_published_and_no_image_carries_exif_or_weighs_over_1_5_mb(
    phone_site: Site, phone_bytes: bytes
) -> None:
    assert phone_site.build() == 0
    images = _published_images(phone_site.output)
    assert len(images) >= 9  # 4 widths in JPEG and WebP, the copies at both addresses
    for path in images:
        data = path.read_bytes()
        assert data != phone_bytes and len(data) <= 1_500_000, path
        assert b"Phone maker" not in data and b"GPS" not in data, path
        with Image.open(path) as im:
            assert not im.getexif(), path
            assert "xmp" not in im.info and "exif" not in im.info, path
    # the copy at the photo's own address: upright (portrait), 1600 px wide at most
    with Image.open(phone_site.output / "images/hoi-nghi.jpg") as copy:
        assert copy.size == (1600, 2133)
    html = phone_site.page("tin-tuc/a/").html
    assert 'width="1600" height="2133"' in html


def test_check_warns_about_a_phone_photo_and_names_the_fix(phone_site: Site) -> None:
    result = run_tool(phone_site.root, "photos", "--help")
    assert result.returncode == 0
    warnings = [str(w) for w in originals.warnings(phone_site.root)]
    size = (phone_site.root / "content/images/hoi-nghi.jpg").stat().st_size / 1_000_000
    assert warnings[0] == (
        f"content/images/hoi-nghi.jpg:1: photo: 4032 x 3024 px, {size:.1f} MB (more than "
        "2400 px or 3.0 MB); it holds the GPS position where it was taken: run `make photos` "
        "(shrinks it to 2400 px and removes the GPS position)"
    )
    assert len(warnings) == 2  # khong-dung.jpg too: every photo of content/images/
    checked = make(phone_site.root, "check")
    assert checked.returncode == 0  # a warning, not an error: the site still builds
    assert warnings[0] in checked.stderr.splitlines()
    assert "2 warnings:" in checked.stderr


def test_check_warns_about_a_file_the_site_cannot_publish(site: Site) -> None:
    site.write("content/images/iphone.heic", "ftypheic, not a format Pillow reads")
    assert [str(w) for w in originals.warnings(site.root)] == [
        "content/images/iphone.heic:1: photo: not a photo the site can publish (JPEG, PNG or "
        "WebP): it is left out of the site; save it as JPEG"
    ]
    assert site.build() == 0
    assert not (site.output / "images/iphone.heic").exists()


def test_make_photos_shrinks_in_place_removes_gps_and_keeps_orientation(
    phone_site: Site, phone_bytes: bytes
) -> None:
    small = phone_site.root / "content/images/nho.jpg"
    Image.new("RGB", (800, 600), (10, 120, 60)).save(small, quality=85)
    small_before = small.read_bytes()
    result = make(phone_site.root, "photos")
    assert result.returncode == 0, result.stderr
    path = phone_site.root / "content/images/hoi-nghi.jpg"
    mb = f"{len(phone_bytes) / 1e6:.1f} MB -> {path.stat().st_size / 1e6:.1f} MB"
    assert result.stdout.splitlines() == [
        f"content/images/hoi-nghi.jpg: 4032 x 3024 px -> 2400 x 1800 px, {mb}, GPS position "
        "removed",
        f"content/images/khong-dung.jpg: 4032 x 3024 px -> 2400 x 1800 px, {mb}, GPS position "
        "removed",
        "2 photos changed.",
    ]
    with Image.open(path) as im:
        assert im.size == (2400, 1800)  # stored sideways, as before
        exif = im.getexif()
        assert exif[ORIENTATION] == 6 and exif[MAKER] == "Phone maker"  # still upright
        assert not exif.get_ifd(GPS_IFD) and b"GPS" not in path.read_bytes()
    assert path.stat().st_size < 3_000_000
    assert small.read_bytes() == small_before  # nothing to do: untouched
    assert originals.warnings(phone_site.root) == []
    again = make(phone_site.root, "photos")
    assert again.stdout.splitlines() == ["0 photos changed."]
    # the site shows it upright
    assert phone_site.build() == 0
    with Image.open(phone_site.output / "images/hoi-nghi.jpg") as copy:
        assert copy.size == (1600, 2133)


def test_make_photos_removes_gps_from_a_small_photo_without_recompressing(
    tmp_path: Path,
) -> None:
    exif = Image.Exif()
    exif[ORIENTATION] = 3
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (21.0, 1.0, 2.0)})
    path = tmp_path / "content/images/a.jpg"
    path.parent.mkdir(parents=True)
    pixels = Image.effect_noise((640, 480), 30).convert("RGB")
    pixels.save(path, quality=88, exif=exif.tobytes())
    with Image.open(path) as before:
        tables, decoded = before.quantization, before.convert("RGB").tobytes()
    assert list(originals.shrink_all(tmp_path)) == ["images/a.jpg"]
    with Image.open(path) as after:
        assert after.quantization == tables and after.getexif()[ORIENTATION] == 3
        assert not after.getexif().get_ifd(GPS_IFD)
        same = sum(a == b for a, b in zip(after.convert("RGB").tobytes(), decoded, strict=True))
    assert same / len(decoded) > 0.95  # the same quantisation: pixels all but unchanged


def test_pre_commit_hook_commits_the_shrunk_photo(phone_site: Site) -> None:
    git(phone_site.root, "init", "-q")
    assert make(phone_site.root, "hook").returncode == 0
    git(phone_site.root, "add", "content")
    done = subprocess.run(
        ["git", *GIT_IDENTITY, "commit", "-q", "-m", "photo"],
        cwd=phone_site.root,
        capture_output=True,
        text=True,
        env=clean_env(),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shrunk = "content/images/hoi-nghi.jpg: 4032 x 3024 px -> 2400 x 1800 px"
    assert shrunk in done.stdout + done.stderr
    committed = subprocess.run(
        ["git", "show", "HEAD:content/images/hoi-nghi.jpg"],
        cwd=phone_site.root,
        capture_output=True,
        env=clean_env(),
        check=True,
    ).stdout
    with Image.open(io.BytesIO(committed)) as im:
        assert im.size == (2400, 1800) and not im.getexif().get_ifd(GPS_IFD)
    status = git(phone_site.root, "status", "--porcelain", "--", "content").stdout
    assert status == ""  # working tree and commit agree


def test_parallel_renditions_give_the_same_bytes_as_serial_ones(
    tmp_path: Path, phone_bytes: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shared.parallel import parallel_map

    sources = []
    for i in range(3):
        path = tmp_path / f"p{i}.jpg"
        path.write_bytes(phone_bytes + bytes([i]))  # three photos, three cache keys
        sources.append(path)

    def made(cache: Path, workers: str) -> tuple[dict[str, bytes], set[int]]:
        monkeypatch.setenv("BUILD_WORKERS", workers)
        jobs = [rend.plan(p, cache) for p in sources]
        pids = tmp_path / f"pids-{workers}"
        pids.mkdir()

        def make_and_tell(job: rend.Plan) -> None:
            (pids / str(os.getpid())).touch()
            rend.make(job)

        rend.make_all(jobs, lambda fn, items: parallel_map(make_and_tell, items, min_tasks=2))
        files = {str(p.relative_to(cache)): p.read_bytes() for p in cache.rglob("*.*")}
        return files, {int(p.name) for p in pids.iterdir()}

    serial, serial_pids = made(tmp_path / "serial", "1")
    parallel, parallel_pids = made(tmp_path / "parallel", "2")
    assert serial_pids == {os.getpid()} and len(parallel_pids - {os.getpid()}) == 2
    assert len(serial) == 3 * 8 and serial == parallel


def test_photo_messages_in_vietnamese_by_default(phone_site: Site) -> None:
    def vi_mb(path: Path) -> str:
        return f"{path.stat().st_size / 1_000_000:.1f} MB".replace(".", ",")

    photo = phone_site.root / "content/images/hoi-nghi.jpg"
    before = vi_mb(photo)
    assert originals.warnings(phone_site.root)[0].render("vi") == (
        f"content/images/hoi-nghi.jpg:1: photo: 4032 x 3024 điểm ảnh, {before} (quá 2400 điểm "
        "ảnh hoặc 3,0 MB); ảnh còn vị trí GPS nơi chụp: chạy `make photos` (thu nhỏ ảnh xuống "
        "2400 điểm ảnh và xóa vị trí GPS)"
    )
    result = make(phone_site.root, "photos", MESSAGES="vi")
    assert result.stdout.splitlines() == [
        f"content/images/hoi-nghi.jpg: 4032 x 3024 điểm ảnh -> 2400 x 1800 điểm ảnh, {before} -> "
        f"{vi_mb(photo)}, đã xóa vị trí GPS",
        f"content/images/khong-dung.jpg: 4032 x 3024 điểm ảnh -> 2400 x 1800 điểm ảnh, {before} "
        f"-> {vi_mb(photo)}, đã xóa vị trí GPS",
        "Đã sửa 2 ảnh.",
    ]
    unreadable = phone_site.write("content/images/iphone.heic", "not a photo Pillow reads")
    assert [w.render("vi") for w in originals.warnings(phone_site.root)] == [
        f"content/{unreadable.relative_to(phone_site.root / 'content').as_posix()}:1: photo: "
        "không phải ảnh trang web đăng được (JPEG, PNG hoặc WebP): tệp bị bỏ ra khỏi trang; hãy "
        "lưu lại dưới dạng JPEG"
    ]


def test_renditions_are_made_again_after_a_pillow_upgrade(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another Pillow (or libjpeg, libwebp) encodes other bytes: a warm build after an upgrade
    must give what a cold one gives, so the cache key names the versions."""
    import PIL

    path = tmp_path / "a.jpg"
    Image.effect_noise((900, 600), 30).convert("RGB").save(path, quality=90)
    before = {r.file for r in rend.renditions(path, tmp_path / "cache")}
    monkeypatch.setattr(PIL, "__version__", "99.0.0")
    rend.encoder_versions.cache_clear()
    try:
        after = {r.file for r in rend.renditions(path, tmp_path / "cache")}
    finally:
        monkeypatch.undo()
        rend.encoder_versions.cache_clear()
    assert after.isdisjoint(before) and all(f.exists() for f in after)
    assert "Pillow=99.0.0" not in rend.encoder_versions()


def test_no_rendition_carries_the_jpeg_comment_of_the_original(tmp_path: Path) -> None:
    """A COM segment is metadata too (editing software writes names and places there); Pillow
    copies it into a JPEG it saves from the photo unless told not to."""
    path = tmp_path / "a.jpg"
    secret = b"Nguyen Van A, 0912 345 678"
    Image.effect_noise((2400, 1800), 30).convert("RGB").save(path, quality=90, comment=secret)
    assert secret in path.read_bytes()
    made = rend.renditions(path, tmp_path / "cache")
    assert {r.format for r in made} == {"jpeg", "webp"} and len(made) == 8
    for r in made:
        assert secret not in r.file.read_bytes(), r.filename
        with Image.open(r.file) as im:
            assert "comment" not in im.info, r.filename  # no COM segment at all


def test_a_rendition_made_again_alone_has_the_bytes_of_a_cold_build(
    tmp_path: Path, phone_bytes: bytes
) -> None:
    """Each width is made from the next larger one: a file lost from the cache (an
    interrupted build, a hand-deleted file) is made with the whole chain again, not from the
    photo alone, so that a warm build still gives the bytes of a cold one."""
    path = tmp_path / "p.jpg"
    path.write_bytes(phone_bytes)
    cold = {r.file.name: r.file.read_bytes() for r in rend.renditions(path, tmp_path / "cold")}
    warm = rend.renditions(path, tmp_path / "warm")
    lost = next(r for r in warm if r.width == 800 and r.format == "webp")
    lost.file.unlink()
    again = {r.file.name: r.file.read_bytes() for r in rend.renditions(path, tmp_path / "warm")}
    assert again == cold and len(cold) == 8


def test_only_a_photo_wider_than_the_largest_width_changes_with_the_first_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first resampling step (`FIRST_STEP`) is part of the key, and so of the file names
    readers' browsers cache, of the photos it is applied to, and only of those."""
    wide, narrow = tmp_path / "wide.jpg", tmp_path / "narrow.jpg"
    Image.effect_noise((2400, 1800), 30).convert("RGB").save(wide, quality=90)
    Image.effect_noise((1600, 1000), 30).convert("RGB").save(narrow, quality=90)
    keys = {p: rend.plan(p, tmp_path / "c").copy.filename for p in (wide, narrow)}
    monkeypatch.setattr(rend, "FIRST_STEP", Image.Resampling.LANCZOS)
    assert rend.plan(wide, tmp_path / "c").copy.filename != keys[wide]
    assert rend.plan(narrow, tmp_path / "c").copy.filename == keys[narrow]
