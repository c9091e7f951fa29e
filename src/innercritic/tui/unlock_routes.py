"""The app on an encrypted journal: it opens on the unlock screen, tries each
passphrase on the database thread, and starts as usual once the journal opens.

The whole hook in tui/app.py: get_default_screen returns ``unlock_screen()`` when
there is one, and on_mount leaves the start to ``unlocked`` while locked.
"""

from __future__ import annotations


class Unlocking:
    locked = False

    def unlock_screen(self):
        """The UnlockScreen when the journal is encrypted (and this start needs it), else None."""
        from innercritic.services.unlocking import is_encrypted

        if self.start == "breathe" or self.settings.passphrase is not None:
            return None
        if not is_encrypted(self.settings.db_path):
            return None
        from innercritic.screens.unlock import UnlockScreen
        from innercritic.textsafe import one_line

        self.locked = True
        return UnlockScreen(one_line(self.settings.db_path, 60))

    def on_unlock_screen_submitted(self, message) -> None:
        from innercritic.services.passphrase import Given

        screen = message.screen
        settings = self.settings._replace(passphrase=Given(message.passphrase))

        def work():  # on the database thread, where journal() opens and keeps the journal
            from innercritic.services.unlocking import WrongPassphrase

            previous, self.settings = self.settings, settings
            try:
                self.journal()
            except WrongPassphrase:
                self.settings = previous
                return False
            return True

        def done(opened: bool) -> None:
            if not opened:
                screen.refused("That passphrase did not open the journal (or this file is not an "
                               "innercritic journal). Try again.")
                return
            self.locked = False
            screen.unlocked()
            self.begin_start()

        self.db(work, then=done, failed=screen.refused)
