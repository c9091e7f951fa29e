"""Immutable records with named fields, for every floor: `named_tuple`.

What ``collections.namedtuple`` makes (a tuple subclass with a property per
field, defaults, ``_replace``, ``_asdict``, ``_make``, a readable repr), made
without what makes it slow to import: namedtuple compiles a constructor for
each class, and the ~20 record types a shell command loads took as long to
build, with collections itself, as the search they serve (bench/README.md,
search-rare). Here one constructor serves every class. Building a record with
every field by position, as the store does for each row, costs what
namedtuple's does; keywords and defaults take a few steps more.

Subclass the result and set ``__slots__ = ()``, as with namedtuple.
"""

from __future__ import annotations

try:
    from _collections import _tuplegetter as _field  # namedtuple's own C accessor
except ImportError:  # another interpreter
    from operator import itemgetter as _itemgetter

    def _field(index: int, doc: str):
        return property(_itemgetter(index), doc=doc)


def named_tuple(name: str, fields: str, defaults: tuple = ()) -> type:
    """A tuple class `name` with the space-separated `fields`; `defaults` are for the
    last fields, as with namedtuple."""
    names = tuple(fields.split())
    size = len(names)
    if len(defaults) > size:
        raise TypeError("more defaults than fields")
    first_default = size - len(defaults)
    field_defaults = dict(zip(names[first_default:], defaults))

    def __new__(cls, *values, **named):
        if len(values) == size and not named:
            return tuple.__new__(cls, values)
        if len(values) > size:
            raise TypeError(f"{name}() takes {size} values but {len(values)} were given")
        given = list(values)
        for field in names[len(values):]:
            if field in named:
                given.append(named.pop(field))
            elif field in field_defaults:
                given.append(field_defaults[field])
            else:
                raise TypeError(f"{name}() is missing a value for {field!r}")
        for field in named:
            twice = field in names
            raise TypeError(f"{name}() got {'two values' if twice else 'a value'} for {field!r}"
                            + ("" if twice else ", which it does not have"))
        return tuple.__new__(cls, given)

    def _make(cls, iterable):
        values = tuple.__new__(cls, iterable)
        if len(values) != size:
            raise TypeError(f"{name} expects {size} values, got {len(values)}")
        return values

    def _replace(self, **changes):
        values = [changes.pop(field, value) for field, value in zip(names, self)]
        if changes:
            raise TypeError(f"{name} has no field {', '.join(map(repr, changes))}")
        return tuple.__new__(type(self), values)

    def __repr__(self) -> str:
        shown = ", ".join(f"{field}={value!r}" for field, value in zip(names, self))
        return f"{type(self).__name__}({shown})"

    def _asdict(self) -> dict:
        return dict(zip(names, self))

    def __getnewargs__(self):
        return tuple(self)

    namespace = {
        "__doc__": f"{name}({', '.join(names)})",
        "__slots__": (),
        "_fields": names,
        "_field_defaults": field_defaults,
        "__match_args__": names,
        "__new__": __new__,
        "_make": classmethod(_make),
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
    }
    for index, field in enumerate(names):
        namespace[field] = _field(index, f"Alias for field number {index}")
    return type(name, (tuple,), namespace)
