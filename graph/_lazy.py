"""Names a package exports but imports only on first use (PEP 562), so importing it costs nothing."""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs start-up time; only type checkers import it
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping


def lazy(package: str, homes: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``package``: each name in ``homes`` is imported from its
    module on first use, then kept in the package's namespace (a home ``module:name`` exports
    that module's ``name`` under another name)."""

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        import sys

        module, _, attribute = home.partition(":")
        __import__(module)  # (not importlib.import_module: the import statement's own path, which
        # python -X importtime reports)
        value = getattr(sys.modules[module], attribute or name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
