"""What both faces say the same way: dialogues.py (a dialogue's "8 → 5", the set-aside
titles), trends.py (the sentences of `innercritic stats` and the Insights screen)."""
