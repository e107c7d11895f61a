"""Desk Pilkada: the election-monitoring desk of the Provincial Government of Central Java."""

__version__ = "0.1.0"
