"""``communique-app [BROUILLON]``: builds the application and its window; the one place things
are wired (settings, typeface, autosave folder, translations)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.core.fonts import choose_font
from desktop.gui import settings
from desktop.gui.contrast import readable_palette
from desktop.gui.main_window import MainWindow
from desktop.gui.qt_french import FrenchFallback
from desktop.resources import resource
from desktop.services import logs, paths
from desktop.services.paths import APP_ID, DISPLAY_NAME

log = logging.getLogger(__name__)


def configure_application(app: QApplication) -> None:
    """Names (settings and data folders), French locale and Qt's own French strings, icon,
    colours every text reads at 4.5:1 or more."""
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(DISPLAY_NAME)
    app.setOrganizationName("")
    app.setDesktopFileName(APP_ID)
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    if not getattr(app, "_communique_translator", None):
        install_qt_french(app)
    icon = resource("icons", "communique.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    app.setPalette(readable_palette(app.palette()))


def install_qt_french(app: QApplication) -> None:
    """Qt's own strings (file dialogs, standard buttons, context menus) in French: Qt's
    ``qtbase_fr`` catalogue, and ``FrenchFallback`` for what that catalogue lacks."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.French), "qtbase", "_", folder):
        fallback = FrenchFallback(translator, app)
        app.installTranslator(fallback)  # asked after the catalogue (installed last)
        app.installTranslator(translator)
        app._communique_fallback = fallback  # type: ignore[attr-defined]
    app._communique_translator = translator  # type: ignore[attr-defined]


def autosave_folder() -> Path:
    return paths.autosave_dir()


def build_window(path: Path | None = None) -> MainWindow:
    """The window, with ``path`` open if given (a draft that cannot be read is said so)."""
    store = settings.Settings()
    font = choose_font(store.get(settings.FONT_DIR) or None)
    window = MainWindow(store, autosave_folder(), font)
    if path is not None:
        window.open_path(path)
    return window


def install_last_resort(window: MainWindow) -> None:
    """A fault of ours must not look like the person's mistake, nor go unsaid: any exception
    that escapes is shown in French, with the technical detail for whoever fixes it, and the
    window stays open (the autosave keeps the draft)."""
    import traceback

    from desktop.gui import dialogs

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, exc, tb))
        log.critical("unexpected error\n%s", details)
        if sys.stderr is not None:  # a GUI script may have none
            sys.__excepthook__(kind, exc, tb)
        QApplication.restoreOverrideCursor()
        dialogs.show_error(
            window,
            window.tr("Erreur inattendue"),
            window.tr(
                "Communiqué a rencontré une erreur inattendue. Votre brouillon est conservé ; "
                "enregistrez-le, puis signalez l’erreur avec le détail ci-dessous."
            ),
            details,
        )

    sys.excepthook = hook


def install_refusals(window: MainWindow) -> None:
    """The window's one catch for a ``CommuniqueError`` that escapes what a person asked (a menu
    item, a button, a shortcut): not a fault but a refusal or an outside failure, already said
    in French. Its message is shown in a dialog over the window in use; the action stops there.
    Anything else goes on to the hook below this one (``install_last_resort``'s, or a test's)."""
    from PySide6.QtGui import QGuiApplication

    from desktop.core.errors import CommuniqueError
    from desktop.gui import dialogs

    below = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not isinstance(exc, CommuniqueError):
            below(kind, exc, tb)
            return
        log.info("refused: %s", exc)
        while QGuiApplication.overrideCursor() is not None:
            QGuiApplication.restoreOverrideCursor()
        parent = QApplication.activeModalWidget() or QApplication.activeWindow() or window
        dialogs.show_error(parent, window.tr("Opération impossible"), str(exc))

    sys.excepthook = hook


def _site_settings_usable(*, quiet: bool) -> bool:
    """The settings IT presets for the machine, checked before anything reads them: a mistake
    there is said (in a dialog, and on the error stream) and the window does not open, rather
    than number releases in a register other than the one IT named."""
    from desktop.services.site_settings import SiteSettingsError, site_settings

    try:
        site_settings()
    except SiteSettingsError as exc:
        print(exc, file=sys.stderr)
        if not quiet:
            from desktop.gui import dialogs

            dialogs.show_error(
                None,  # type: ignore[arg-type]
                "Communiqué ne peut pas démarrer",
                str(exc),
                "Signalez-le au service informatique\u00a0: Communiqué s’ouvrira une fois le "
                "fichier corrigé.",
            )
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    existing = QApplication.instance()
    if existing is None:
        from desktop.gui.display_check import problem

        trouble = problem(args)
        if trouble:
            print(trouble, file=sys.stderr)
            return 1
    app = existing or QApplication([sys.argv[0] if sys.argv else APP_ID, *args])
    assert isinstance(app, QApplication)
    if existing is None:
        args = app.arguments()[1:]  # Qt has taken its own options (-platform, -style…) out
    parser = argparse.ArgumentParser(
        prog="communique-app",
        description=(
            "Communiqué : rédiger un communiqué de presse et l’exporter en DOCX et en PDF."
        ),
    )
    parser.add_argument(
        "draft", nargs="?", type=Path, metavar="BROUILLON", help="un brouillon .communique à ouvrir"
    )
    parser.add_argument(
        "--smoke-export",
        type=Path,
        metavar="PDF",
        help=argparse.SUPPRESS,  # for packagers: open BROUILLON, export it to PDF, quit (0 done)
    )
    options = parser.parse_args(args)
    if options.smoke_export is not None and options.draft is None:
        parser.error("--smoke-export demande un BROUILLON")
    configure_application(app)
    if not _site_settings_usable(quiet=options.smoke_export is not None):
        return 1
    logs.hold()  # what is logged while the window is built is written once the log is open
    window = build_window(options.draft)
    install_last_resort(window)
    install_refusals(window)  # over the last resort: a refusal is not a fault
    window.show()
    logs.setup()
    log.info("Communiqué %s started", __version__)
    if options.smoke_export is not None:
        from desktop.gui import smoke

        smoke.run(app, lambda target: window.export_to(pdf=target), options.smoke_export)
    else:
        QTimer.singleShot(0, window.offer_restore)
    code = app.exec()
    if existing is None:
        leave_at_once(app, code)
    return code


def leave_at_once(app: QApplication, code: int) -> None:
    """End the process as soon as the window has closed (it has saved its settings, stopped
    the preview, closed the autosave and the directory): the exit handlers (the clipboard's
    hand-over, ``more_formats``), the log, then Qt's own exit (the clipboard goes to the
    desktop's clipboard manager), and no more. Python's tearing down of every module and
    PySide wrapper took 0.2 to 0.9 s after the window had gone (docs/performance.md)."""
    import atexit

    import shiboken6

    atexit._run_exitfuncs()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    shiboken6.delete(app)
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
