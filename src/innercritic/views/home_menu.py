"""Home's ways in, as data: the home screen lists them and the command palette offers them.

Kept apart from screens/home.py so the palette, loaded with every start of the app, does not
load the home screen when the app opens straight on a dialogue.
"""

# (key, label, shortcut)
MENU = (
    ("talk", "Talk with the critic", "t"),
    ("resume", "Resume where you stopped", "r"),
    ("exercises", "Other exercises", "e"),
    ("checkin", "Quick check-in", "c"),
    ("breathe", "Breathe", "b"),
    ("history", "History", "h"),
    ("parts", "Parts", "p"),
    ("insights", "Insights", "i"),
    ("plan", "My safety plan", "s"),
    ("help", "Help now", "F1"),
)
# config's home_labels = "short": one word each, for people who know the way
SHORT_LABELS = {
    "talk": "Talk", "resume": "Resume", "exercises": "Exercises", "checkin": "Check-in", "breathe": "Breathe",
    "history": "History", "parts": "Parts", "insights": "Insights", "plan": "Safety plan", "help": "Help now",
}
