"""The people in FirstStep's tests, in one place."""
