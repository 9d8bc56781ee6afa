"""Alembic migrations, shipped inside the package so a plain ``pip install .`` has them."""
