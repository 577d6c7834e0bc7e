from axes.backends import AxesStandaloneBackend


class SignInLockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check for every sign-in form (they all pass the request).

    A check without a request (a management command, the test client's ``login``) comes from
    no sign-in form and cannot be counted per address, so it is left to the next backend
    instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
