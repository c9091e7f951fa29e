"""The encrypted rows: innercritic on an encrypted journal next to jrnl on its encrypted twin.

    checkin-enc   innercritic checkin on an encrypted small journal  vs  jrnl writing one entry
                  to its encrypted small journal                                        (≤ 1.3×)
    search-enc    innercritic history --search marzipan on the encrypted 200,000-turn journal
                  vs  jrnl -contains marzipan on its encrypted 10,000-entry twin        (report)

Both sides get the passphrase without a terminal: ours from INNERCRITIC_PASSPHRASE_FILE, jrnl
on standard input (its prompt reads it from there when there is no terminal). The encrypted
copies are built once from the plain caches: ours with `innercritic encrypt` itself, jrnl's by
writing its documented file format (a Fernet token, key = PBKDF2-HMAC-SHA256, 100,000
iterations, jrnl's fixed salt) with the `cryptography` package from jrnl's own venv, and
checked by reading it back with jrnl.

run.py calls register(run) once; these functions use its helpers through `_b`.
"""

from __future__ import annotations

import os
import shutil
import subprocess

PASSPHRASE = "bench passphrase, not a secret"
_b = None  # bench/run.py, set by register()

_JRNL_ENCRYPT = r"""
import base64, sys
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
source, target, password = sys.argv[1:4]
kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, iterations=100_000,
                 salt=b"\xf2\xd5q\x0e\xc1\x8d.\xde\xdc\x8e6t\x89\x04\xce\xf8")
key = base64.urlsafe_b64encode(kdf.derive(password.encode()))
with open(source, "rb") as handle:
    token = Fernet(key).encrypt(handle.read())
with open(target, "wb") as handle:
    handle.write(token)
"""


def _paths() -> dict[str, str]:
    cache = _b.CACHE
    return {
        "big_db": os.path.join(cache, "big-encrypted.db"),
        "big_txt": os.path.join(cache, "big-encrypted.txt"),
        "big_yaml": os.path.join(cache, "big-encrypted.yaml"),
        "small_db": os.path.join(cache, "small-encrypted.db"),
        "stamp": os.path.join(cache, "encrypted.stamp.json"),
        "passphrase": os.path.join(cache, "passphrase.txt"),
    }


def _encrypted_jrnl_config(path: str, journal_file: str) -> None:
    _b.jrnl_config(path, journal_file)
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace("encrypt: false", "encrypt: true"))


def _jrnl_encrypt(source: str, target: str) -> None:
    python = os.path.join(_b.JRNL_VENV, "bin", "python")
    subprocess.run([python, "-c", _JRNL_ENCRYPT, source, target, PASSPHRASE], check=True)


def _our_encrypt(source: str, target: str, env: dict[str, str], passphrase_file: str) -> None:
    _b.copy_journal(source, target)
    subprocess.run([_b.INNERCRITIC, "--db", target, "encrypt"], check=True, capture_output=True,
                   env={**env, "INNERCRITIC_PASSPHRASE_FILE": passphrase_file}, stdin=subprocess.DEVNULL)


def ensure_encrypted(env: dict[str, str]) -> dict[str, str]:
    """The encrypted copies of the cached journals (rebuilt when the plain ones change)."""
    paths = _paths()
    with open(paths["passphrase"], "w", encoding="utf-8") as handle:
        handle.write(PASSPHRASE + "\n")
    os.chmod(paths["passphrase"], 0o600)
    key = {"big": _b.file_digest(_b.BIG_STAMP), "small": _b.file_digest(_b.SMALL_STAMP),
           "innercritic": _b.file_digest(_b.INNERCRITIC)}
    stamp = _b.read_json(paths["stamp"])
    _encrypted_jrnl_config(paths["big_yaml"], paths["big_txt"])
    if stamp == key and all(os.path.exists(paths[name]) for name in ("big_db", "big_txt", "small_db")):
        return paths
    _b.log("bench: encrypting copies of the journals for the encrypted rows (once)…")
    _our_encrypt(_b.BIG_DB, paths["big_db"], env, paths["passphrase"])
    _our_encrypt(_b.SMALL_DB, paths["small_db"], env, paths["passphrase"])
    _jrnl_encrypt(_b.BIG_TXT, paths["big_txt"])
    _b.write_json(paths["stamp"], key)
    return paths


def row_checkin_encrypted(ctx) -> object:
    b = _b
    row = b.Row("checkin-enc", 'innercritic checkin --mood 3 --critic 5 --note "…" (encrypted journal)',
                'jrnl "…" (encrypted journal, one entry)', "≤ 1.3×")
    paths = ensure_encrypted(ctx.env)
    work_db = os.path.join(ctx.tmp, "checkin-encrypted.db")
    plain_txt = os.path.join(ctx.tmp, "small-jrnl-plain.txt")
    template = os.path.join(ctx.tmp, "small-jrnl-encrypted.template")
    small_txt = os.path.join(ctx.tmp, "small-jrnl-encrypted.txt")
    small_yaml = os.path.join(ctx.tmp, "small-jrnl-encrypted.yaml")
    with open(plain_txt, "w", encoding="utf-8") as handle:
        handle.write(b.SMALL_JRNL_TEXT)
    _jrnl_encrypt(plain_txt, template)
    _encrypted_jrnl_config(small_yaml, small_txt)

    def reset_jrnl() -> None:
        shutil.copyfile(template, small_txt)

    def jrnl_wrote() -> str | None:
        with open(small_txt, "rb") as handle:
            grew = handle.read() != open(template, "rb").read()
        return None if grew else "jrnl did not change its encrypted journal"

    args = ["--db", work_db, "checkin", "--mood", "3", "--critic", "5", "--note", b.CHECKIN_NOTE]
    return b.process_pair(
        ctx, row,
        {"argv": [b.INNERCRITIC, *args], "prepare": lambda: b.copy_journal(paths["small_db"], work_db),
         "check": "Saved check-in", "env": {"INNERCRITIC_PASSPHRASE_FILE": paths["passphrase"]}},
        {"argv": [b.JRNL, "--config-file", small_yaml, b.CHECKIN_NOTE], "prepare": reset_jrnl,
         "verify": jrnl_wrote, "stdin": (PASSPHRASE + "\n").encode()},
        1.3, args,
    )


def row_search_encrypted(ctx) -> object:
    b = _b
    word = b.generate.RARE_WORD
    row = b.Row("search-enc", f"innercritic history --search {word} (encrypted big journal)",
                f"jrnl -contains {word} (encrypted twin)", "report")
    paths = ensure_encrypted(ctx.env)
    args = ["--db", paths["big_db"], "history", "--search", word]
    b.process_pair(
        ctx, row,
        {"argv": [b.INNERCRITIC, *args], "check": "dialogue",
         "env": {"INNERCRITIC_PASSPHRASE_FILE": paths["passphrase"]}},
        {"argv": [b.JRNL, "--config-file", paths["big_yaml"], "-contains", word], "check": "found",
         "stdin": (PASSPHRASE + "\n").encode()},
        float("inf"), args,
    )
    if row.status == "PASS":
        row.status = "INFO"
    return row


def register(run_module) -> None:
    global _b
    _b = run_module
    run_module.ROWS.update({"checkin-enc": row_checkin_encrypted, "search-enc": row_search_encrypted})
    run_module.NEEDS_JRNL.update({"checkin-enc", "search-enc"})
    run_module.NEEDS_BIG.update({"search-enc"})
