"""Index each sign-in; end every session of a user whose password changes."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from staffauth.sessions import end_all_sessions, remember_session

User = get_user_model()


@receiver(user_logged_in, dispatch_uid="staffauth.remember_session")
def _remember_session(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        remember_session(user, request.session)


@receiver(pre_save, sender=User, dispatch_uid="staffauth.password_changing")
def _password_changing(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if (
        raw
        or instance.pk is None
        or (update_fields is not None and "password" not in update_fields)
    ):
        return
    old = User.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._staffauth_password_changed = old is not None and old != instance.password


@receiver(post_save, sender=User, dispatch_uid="staffauth.password_changed")
def _password_changed(sender, instance, created=False, raw=False, **kwargs) -> None:
    if getattr(instance, "_staffauth_password_changed", False):
        instance._staffauth_password_changed = False
        end_all_sessions(instance)
