"""Claim matching: has this claim been checked before? (pure: no database, no CLI)."""
