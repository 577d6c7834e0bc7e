"""Where errors are written: stderr always, and in production and the demo also a rotating file
under <data dir>/logs, so a server error leaves its traceback somewhere an operator can read.

Plain data and no Django imports: settings.py builds LOGGING from it.
"""

LOG_FILE_NAME = "prongsai.log"
LOG_FILE_MAX_BYTES = 10 * 1024 * 1024
LOG_FILE_BACKUPS = 10


def logging_config(log_dir=None, level="INFO"):
    """The LOGGING dict; `log_dir` None means stderr only (dev and tests)."""
    handlers = {"console": {"class": "logging.StreamHandler", "formatter": "plain"}}
    if log_dir is not None:
        handlers["file"] = {
            # gunicorn's workers and `prongsai worker` write the same file: this handler takes a
            # lock around each write and each rotation, where the standard one would race.
            "class": "concurrent_log_handler.ConcurrentRotatingFileHandler",
            "filename": str(log_dir / LOG_FILE_NAME),
            "maxBytes": LOG_FILE_MAX_BYTES,
            "backupCount": LOG_FILE_BACKUPS,
            "encoding": "utf-8",
            "formatter": "plain",
        }
    names = list(handlers)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(process)d: %(message)s"}
        },
        "handlers": handlers,
        "loggers": {
            "prongsai": {"handlers": names, "level": level, "propagate": False},
            # Server errors (django.request logs them with the traceback); 4xx stay out, or
            # every robot's 404 would fill the file.
            "django": {"handlers": names, "level": "ERROR", "propagate": False},
            # refused CSRF tokens and bad Host headers are worth keeping for an audit
            "django.security": {"handlers": names, "level": "WARNING", "propagate": False},
        },
    }
