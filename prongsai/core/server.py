"""Gunicorn, started from Python so `prongsai serve` and `prongsai demo` need no config file."""

from gunicorn.app.base import BaseApplication


class ProngsaiServer(BaseApplication):
    def __init__(self, application, options, on_worker_ready=None):
        self.application = application
        self.options = options
        self.on_worker_ready = on_worker_ready
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)
        if self.on_worker_ready is not None:
            callback = self.on_worker_ready
            self.cfg.set("post_worker_init", lambda worker: callback())

    def load(self):
        return self.application
