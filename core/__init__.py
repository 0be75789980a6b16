"""Core: settings, money and rounding, the injectable clock, the trading calendar, risk scales
and the base domain error. Imports nothing of ours; everything else may import it."""
