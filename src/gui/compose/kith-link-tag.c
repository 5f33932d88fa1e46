/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithLinkTag: the text tag of a link in the composer's body, which keeps the address it links
 * to for the HTML writer and the link popover. A GtkTextTag, not a widget: it has no template.
 */

#include "config.h"

#include "kith-link-tag.h"

struct _KithLinkTag
{
  GtkTextTag  parent_instance;

  char       *href;
};

G_DEFINE_FINAL_TYPE (KithLinkTag, kith_link_tag, GTK_TYPE_TEXT_TAG)

enum {
  PROP_0,
  PROP_HREF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_link_tag_finalize (GObject *object)
{
  KithLinkTag *self = KITH_LINK_TAG (object);

  g_free (self->href);

  G_OBJECT_CLASS (kith_link_tag_parent_class)->finalize (object);
}

static void
kith_link_tag_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KithLinkTag *self = KITH_LINK_TAG (object);

  switch (prop_id)
    {
    case PROP_HREF:
      g_value_set_string (value, self->href);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_link_tag_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KithLinkTag *self = KITH_LINK_TAG (object);

  switch (prop_id)
    {
    case PROP_HREF:
      self->href = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_link_tag_class_init (KithLinkTagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_link_tag_finalize;
  object_class->get_property = kith_link_tag_get_property;
  object_class->set_property = kith_link_tag_set_property;

  properties[PROP_HREF] =
    g_param_spec_string ("href", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_link_tag_init (KithLinkTag *self)
{
}

/**
 * kith_link_tag_new:
 * @name: the tag's name in its table
 * @href: the address it links to
 *
 * Returns: (transfer full): a tag showing text as a link to @href
 */
GtkTextTag *
kith_link_tag_new (const char *name,
                   const char *href)
{
  g_return_val_if_fail (href != NULL, NULL);

  return g_object_new (KITH_TYPE_LINK_TAG,
                       "name", name,
                       "href", href,
                       "underline", PANGO_UNDERLINE_SINGLE,
                       "foreground", "#1c71d8",
                       NULL);
}

const char *
kith_link_tag_get_href (KithLinkTag *self)
{
  g_return_val_if_fail (KITH_IS_LINK_TAG (self), NULL);

  return self->href;
}
