"""Pelican adapter: runs a build with its session, registers the capabilities' extensions with
it, and adds the page renderer (renderer.py) to Pelican's generators as `BilingualGenerator`.

How the session reaches Pelican's handlers without a module global: the build command runs
`SessionPelican(settings, session)`, so handlers that get the Pelican object find
`pelican.session`; the renderer's class is made for that session (`get_generators`), and puts
it into Pelican's context of the build, where handlers that get a generator (or the context)
find it with `session_of(context)` (session.py). Settings never hold it: Pelican pickles them.
"""

from __future__ import annotations

from typing import Any

from pelican import Pelican, signals
from pelican.generators import Generator

from . import templating
from .renderer import PageRenderer
from .session import CONTEXT_KEY, BuildSession


class SessionPelican(Pelican):
    """Pelican with the session of its build (`pelican.session`)."""

    def __init__(self, settings: dict[str, Any], session: BuildSession):
        self.session = session  # before Pelican sends `initialized`
        super().__init__(settings)


class BilingualGenerator(PageRenderer, Generator):
    """Made by Pelican for one build, as `for_session(session)` returns it: the class carries
    its build's session, and puts it into Pelican's context of the build (every generator
    shares that dict) before any generator reads a story."""

    @classmethod
    def for_session(cls, session: BuildSession) -> type[BilingualGenerator]:
        return type(cls.__name__, (cls,), {"session": session})

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.context[CONTEXT_KEY] = self.session
        self.pages = []


def session_of_pelican(pelican: Any) -> BuildSession:
    """The build's session, which the build command gave Pelican (content_model's check,
    the first handler of `initialized`, refuses a Pelican run without one)."""
    session: BuildSession = pelican.session
    return session


def register_extensions(pelican: Any) -> None:
    """Every plugin with an `extend(hooks)` registers its extensions with this build's hooks,
    in the order of `PLUGINS`."""
    hooks = session_of_pelican(pelican).hooks
    for plugin in pelican.plugins:
        extend = getattr(plugin, "extend", None)
        if extend is not None:
            extend(hooks)


def add_theme_filters(generator: Generator) -> None:
    """Every generator compiles theme templates, so every environment gets the theme's filters
    (and the compiled-template store)."""
    templating.configure(generator.env)


def get_generators(pelican: Any) -> type[Generator]:
    return BilingualGenerator.for_session(session_of_pelican(pelican))


def register() -> None:
    signals.initialized.connect(register_extensions)
    signals.generator_init.connect(add_theme_filters)
    signals.get_generators.connect(get_generators)
