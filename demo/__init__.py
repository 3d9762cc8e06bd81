"""The demo organisation (`manage.py seed_demo`). No production module imports this app."""
