"""What shell completion offers besides commands and options (Typer/Click answer those):
flow ids, part names and setting names. Each answer is quick and never fails or asks
for anything: a journal that is missing, busy, damaged or encrypted offers no part names.
The completion variable reaches Typer, never the app (entry.py)."""

from __future__ import annotations

import os


def flow_ids(incomplete: str) -> list[str]:
    from innercritic.services.flow_catalog import catalog

    try:
        ids = list(catalog().flows)
    except Exception:  # noqa: BLE001 - a completion never breaks the shell
        return []
    return [flow_id for flow_id in ids if flow_id.startswith(incomplete)]


def part_names(ctx, incomplete: str) -> list[str]:
    from innercritic.locations import resolve_db_path

    root = ctx.find_root()
    path = resolve_db_path((root.params or {}).get("db"))[0]
    if not os.path.isfile(path):
        return []
    try:
        from innercritic.store.driver import connect

        conn = connect(path, timeout=0.2)
        try:
            conn.execute("PRAGMA query_only = 1")
            names = [row[0] for row in conn.execute("SELECT name FROM part ORDER BY name_key")]
        finally:
            conn.close()
    except Exception:  # noqa: BLE001 - encrypted, busy or not a journal: nothing to offer
        return []
    folded = incomplete.casefold()
    return [name for name in names if isinstance(name, str) and name.casefold().startswith(folded)]


def setting_names(incomplete: str) -> list[str]:
    from innercritic.config import KEYS

    return [name for name in KEYS if name.startswith(incomplete)]
