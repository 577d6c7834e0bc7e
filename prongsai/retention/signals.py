from django.dispatch import receiver
from wagtail.signals import page_published

from prongsai.retention.takedown import apply_default_takedown


@receiver(page_published)
def give_new_items_their_category_takedown(sender, instance, **kwargs):
    apply_default_takedown(instance)
