"""Shared helpers: small modules every other package may use (caches, atomic writes, ...).

They import nothing from the project's other packages: dependencies flow from here upward.
"""
