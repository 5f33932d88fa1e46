/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTagChip"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-tag-chip.h"

/* A tag of the record in the relationship editor: a click removes it (relationship.remove-tag) */
struct _KithTagChip
{
  GtkButton  parent_instance;

  char      *tag;
};

G_DEFINE_FINAL_TYPE (KithTagChip, kith_tag_chip, GTK_TYPE_BUTTON)

enum {
  PROP_0,
  PROP_TAG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_tag_chip_constructed (GObject *object)
{
  KithTagChip *self = KITH_TAG_CHIP (object);
  g_autofree char *tooltip = g_strdup_printf (_("Remove tag “%s”"), self->tag);

  G_OBJECT_CLASS (kith_tag_chip_parent_class)->constructed (object);

  /* The template's child; no id, as the button takes it down itself */
  adw_button_content_set_label (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (self))), self->tag);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self), g_variant_new_string (self->tag));
}

static void
kith_tag_chip_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_TAG_CHIP);

  G_OBJECT_CLASS (kith_tag_chip_parent_class)->dispose (object);
}

static void
kith_tag_chip_finalize (GObject *object)
{
  g_free (KITH_TAG_CHIP (object)->tag);

  G_OBJECT_CLASS (kith_tag_chip_parent_class)->finalize (object);
}

static void
kith_tag_chip_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TAG:
      g_value_set_string (value, KITH_TAG_CHIP (object)->tag);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_tag_chip_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_TAG:
      KITH_TAG_CHIP (object)->tag = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_tag_chip_class_init (KithTagChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_tag_chip_constructed;
  object_class->dispose = kith_tag_chip_dispose;
  object_class->finalize = kith_tag_chip_finalize;
  object_class->get_property = kith_tag_chip_get_property;
  object_class->set_property = kith_tag_chip_set_property;

  properties[PROP_TAG] = g_param_spec_string ("tag", NULL, NULL, NULL,
                                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-tag-chip.ui");
}

static void
kith_tag_chip_init (KithTagChip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_tag_chip_new (const char *tag)
{
  g_return_val_if_fail (tag != NULL, NULL);

  return g_object_new (KITH_TYPE_TAG_CHIP, "tag", tag, NULL);
}
