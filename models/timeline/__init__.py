"""Timeline maths that needs no Qt: what to draw where (layout.py), lane colours (colors.py)."""
