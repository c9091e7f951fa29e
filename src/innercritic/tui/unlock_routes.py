"""The app on an encrypted journal: it opens on the unlock screen, tries each
passphrase on the database thread, and starts as usual once the journal opens.

The whole hook in tui/app.py: get_default_screen returns ``unlocking.screen()`` when
there is one, and on_mount leaves the start to ``submitted`` while locked.
"""

from __future__ import annotations

from innercritic.tui.route_context import RouteContext


class UnlockRoute:
    def __init__(self, app: RouteContext) -> None:
        self.app = app
        self.locked = False

    def screen(self):
        """The UnlockScreen when the journal is encrypted (and this start needs it), else None."""
        from innercritic.services.unlocking import is_encrypted

        app = self.app
        if app.start == "breathe" or app.settings.passphrase is not None:
            return None
        if not is_encrypted(app.settings.db_path):
            return None
        from innercritic.screens.unlock import UnlockScreen
        from innercritic.textsafe import one_line

        self.locked = True
        return UnlockScreen(one_line(app.settings.db_path, 60))

    def submitted(self, message) -> None:
        from innercritic.services.passphrase import Given

        app = self.app
        screen = message.screen
        settings = app.settings._replace(passphrase=Given(message.passphrase))

        def work():  # on the database thread, where journal() opens and keeps the journal
            from innercritic.services.unlocking import WrongPassphrase

            previous, app.settings = app.settings, settings
            try:
                app.journal()
            except WrongPassphrase:
                app.settings = previous
                return False
            return True

        def done(opened: bool) -> None:
            if not opened:
                screen.refused("That passphrase did not open the journal (or this file is not an "
                               "innercritic journal). Try again.")
                return
            self.locked = False
            screen.unlocked()
            app.begin_start()

        app.db(work, then=done, failed=screen.refused)
