"""The senior registry: who is registered, how to reach them, and how staff find them."""
