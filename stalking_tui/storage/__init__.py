"""Encrypted SQLCipher store, key slots and event log; imports no Textual."""
