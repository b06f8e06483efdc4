"""Timeline maths that needs no Qt: what to draw where (layout.py, specs.py), the picture as
data (picture.py), lane colours (colors.py)."""
