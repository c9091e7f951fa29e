"""What the app's unlock screen needs to know of an encrypted journal, and no more
(the rest of encryption's use-cases are in services/encryption.py)."""

from __future__ import annotations

from innercritic.store.cipher import WrongPassphrase, is_encrypted  # noqa: F401 (this module's API)
