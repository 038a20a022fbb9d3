"""Pure rules of the stalking work process; imports neither Textual nor SQLAlchemy."""
