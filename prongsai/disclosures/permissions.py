"""Who may change which document or image: the agency's file rule on top of Wagtail's
collection ownership policy.

Webmasters and agency admins hold ``change`` on their agency's collection: they change every
file there, and nothing elsewhere. Requesters hold only ``add`` (and ``choose``): they change a
file only while it is theirs (they uploaded it, it belongs to their department) and no live page
links it. A file the public already sees is replaced through a publication request, so the head
of the agency approves what the public link will serve.
"""

from django.db.models import Q
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

from prongsai.disclosures.visibility import linked_from_live_page, live_references_to

EDITING_ACTIONS = {"change", "delete"}


class AgencyFilePermissionPolicy(CollectionOwnershipPermissionPolicy):
    """For a model with ``collection`` and ``uploaded_by_user`` (and maybe ``department``)."""

    def __init__(self, model, auth_model=None):
        super().__init__(model, auth_model=auth_model, owner_field_name="uploaded_by_user")

    def _departments_of(self, user):
        from prongsai.agencies.models import DepartmentMember

        return DepartmentMember.objects.filter(user=user).values("department")

    def _has_department(self):
        return any(f.name == "department" for f in self.model._meta.get_fields())

    def owner_may_change(self, user, instance):
        """A requester's own file: uploaded by them, of their department, not public yet."""
        if instance.uploaded_by_user_id != user.pk:
            return False
        if self._has_department() and instance.department_id is not None:
            mine = self._departments_of(user).filter(department=instance.department_id)
            if not mine.exists():
                return False
        return not linked_from_live_page(instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        editing = actions & EDITING_ACTIONS
        others = actions - EDITING_ACTIONS
        if others and super().user_has_any_permission_for_instance(user, others, instance):
            return True
        if not editing:
            return False
        collection = instance.collection
        if self._check_perm(user, ["change"], collection=collection):
            return True
        return self._check_perm(user, ["add"], collection=collection) and self.owner_may_change(
            user, instance
        )

    def instances_user_has_any_permission_for(self, user, actions):
        actions = set(actions)
        if not (actions & EDITING_ACTIONS) or not user.is_authenticated:
            return super().instances_user_has_any_permission_for(user, actions)
        if user.is_active and user.is_superuser:
            return self.model._default_manager.all()
        if not user.is_active:
            return self.model._default_manager.none()
        allowed = Q(collection__in=self._collections_with_perm(user, ["change"]))
        own = Q(collection__in=self._collections_with_perm(user, ["add"])) & Q(
            uploaded_by_user=user
        )
        if self._has_department():
            own &= Q(department__isnull=True) | Q(department__in=self._departments_of(user))
        if "choose" in actions:
            allowed |= Q(collection__in=self._collections_with_perm(user, ["choose"]))
        return self.model._default_manager.filter(allowed | (own & ~live_references_to(self.model)))


def register():
    """Called from DisclosuresConfig.ready(). Registered for the exact classes, so these win
    over the policies wagtail.documents and wagtail.images register later in ready()."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import register_permission_policy

    register_permission_policy(
        get_document_model(),
        AgencyFilePermissionPolicy(get_document_model(), auth_model="wagtaildocs.Document"),
        exact_class=True,
    )
    register_permission_policy(
        get_image_model(),
        AgencyFilePermissionPolicy(get_image_model(), auth_model="wagtailimages.Image"),
        exact_class=True,
    )
