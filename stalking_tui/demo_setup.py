"""A demo store with fictional cases, for trainers and first looks at the app.

The demo passphrase is public and the key derivation cheap on purpose: demo data is
fictional and lives in a temporary directory that the CLI removes on exit.
"""

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .storage.store import CaseStore

DEMO_PASSPHRASE = "demo-fictief-2026"


def demo_kdf() -> Any:
    """Return the cheap Argon2id parameters used for demo stores."""
    from .storage.keyslots import KdfParams

    return KdfParams.TESTING


def demo_profile() -> Any:
    """Return the fictional profile stamped on demo events."""
    from .domain.profile import Profile

    return Profile(user_name="Demo Gebruiker (fictief)", organisation="VT", role="procesregisseur", device_name="demo")


def create_demo_store(directory: Path, kdf: Any = None, today: date | None = None) -> "CaseStore":
    """Create a store in `directory` and replay the demo script into it; blocking, run in a worker."""
    from .domain.demo import demo_script
    from .storage.store import CaseStore

    store, _recovery_code = CaseStore.create(directory, DEMO_PASSPHRASE, demo_profile(), kdf=kdf or demo_kdf())
    try:
        # The mark keeps real bundles out of this store and its bundles out of real stores.
        store.mark_demo_store()
        replay(store, demo_script(today or date.today()))
    except BaseException:
        store.close()
        raise
    return store


def replay(store: "CaseStore", script: Iterable[Any]) -> None:
    """Feed demo steps into the store: "case.reported" creates a case, the rest are recorded on it."""
    case_ids: dict[str, str] = {}
    for step in script:
        if step.kind == "case.reported":
            case_ids[step.case_key] = store.report_case(step.payload).case_id
        else:
            store.record(case_ids[step.case_key], step.kind, step.payload)
