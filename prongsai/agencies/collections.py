"""Which collection holds an agency's documents and images, and which agency a collection
belongs to. Each agency has one collection below the root (its roles hold their document and
image permissions there); sub-collections belong to the same agency."""

from wagtail.models import Collection, GroupCollectionPermission

from prongsai.agencies.models import AgencyRole, AgencySettings


def agency_collection(site):
    """The agency's own collection (the root collection when the agency has none yet)."""
    root = Collection.get_first_root_node()
    groups = AgencyRole.objects.filter(site=site).values("group")
    granted = (
        GroupCollectionPermission.objects.filter(group__in=groups, collection__depth=2)
        .values_list("collection", flat=True)
        .first()
    )
    if granted:
        return Collection.objects.get(pk=granted)
    name = AgencySettings.for_site(site).short_name or site.site_name
    return root.get_children().filter(name=name).first() or root


def agency_collections(site):
    """The agency's collection and every collection below it."""
    top = agency_collection(site)
    if top.is_root():
        return Collection.objects.filter(pk=top.pk)
    return Collection.objects.filter(path__startswith=top.path)


def site_for_collection(collection):
    """The agency (Wagtail Site) a collection belongs to, or None for shared collections."""
    if collection is None or collection.depth < 2:
        return None
    # collections are kept in name order, so adding an agency's collection can move its
    # siblings' paths: read the path from the database, not from a possibly older instance
    path = Collection.objects.filter(pk=collection.pk).values_list("path", flat=True).first()
    top_path = (path or collection.path)[: Collection.steplen * 2]
    group_ids = GroupCollectionPermission.objects.filter(collection__path=top_path).values("group")
    role = AgencyRole.objects.filter(group__in=group_ids).select_related("site").first()
    return role.site if role else None


def site_for_object(obj):
    """The agency of a document or image (through its collection)."""
    collection = getattr(obj, "collection", None)
    return site_for_collection(collection) if collection is not None else None
