"""The store facade: the only way screens reach the encrypted case data.

Every method does blocking database or crypto work, so screens call it from a thread
worker. Methods return plain domain objects, never ORM rows.

CONTRACT (implemented in this module):

    CaseStore.exists(directory) -> bool
    CaseStore.create(directory, passphrase, profile, kdf=None) -> (CaseStore, recovery_code)
    CaseStore.open(directory, passphrase, kdf=None) -> CaseStore
        raises WrongPassphrase, StoreDamaged, StoreInUse (storage.errors)
    store.profile -> Profile
    store.close()
    store.list_cases() -> list[CaseState]
    store.get_case(case_id) -> CaseState            raises CaseNotFound
    store.timeline(case_id) -> list[Event]          ordered by hlc
    store.report_case(report: CaseReported) -> CaseState   creates case + number
    store.record(case_id, kind, payload: dict) -> CaseState
        validates the payload for its kind, appends the event, applies the fold and any
        automatic transitions of the route map, all in one transaction
    store.save_draft(key, data: dict) / load_draft(key) -> dict | None / delete_draft(key)
        drafts live encrypted in the database, never in a plain file
"""
