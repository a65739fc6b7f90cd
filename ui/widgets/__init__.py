"""Widgets shared by the pages: class picker, date navigator, status strip, week strip, chart canvas."""
