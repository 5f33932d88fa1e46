/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithParticipantChip"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-participant-chip.h"

struct _KithParticipantChip
{
  GtkButton       parent_instance;

  KithRecordItem *item;
};

G_DEFINE_FINAL_TYPE (KithParticipantChip, kith_participant_chip, GTK_TYPE_BUTTON)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_participant_chip_constructed (GObject *object)
{
  KithParticipantChip *self = KITH_PARTICIPANT_CHIP (object);
  /* Translators: the chip of someone a to-do is with; a click takes them off */
  g_autofree char *remove = g_strdup_printf (_("Remove “%s”"), kith_record_item_get_name (self->item));

  G_OBJECT_CLASS (kith_participant_chip_parent_class)->constructed (object);

  /* Its label is the name alone; what a click does is in its tooltip and accessible name */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
}

static void
kith_participant_chip_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_PARTICIPANT_CHIP);

  G_OBJECT_CLASS (kith_participant_chip_parent_class)->dispose (object);
}

static void
kith_participant_chip_finalize (GObject *object)
{
  KithParticipantChip *self = (KithParticipantChip *)object;

  g_clear_object (&self->item);

  G_OBJECT_CLASS (kith_participant_chip_parent_class)->finalize (object);
}

static void
kith_participant_chip_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KithParticipantChip *self = KITH_PARTICIPANT_CHIP (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_participant_chip_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KithParticipantChip *self = KITH_PARTICIPANT_CHIP (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_participant_chip_class_init (KithParticipantChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_participant_chip_constructed;
  object_class->dispose = kith_participant_chip_dispose;
  object_class->finalize = kith_participant_chip_finalize;
  object_class->get_property = kith_participant_chip_get_property;
  object_class->set_property = kith_participant_chip_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, KITH_TYPE_RECORD_ITEM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kithcrm/Kith/ui/agenda/kith-participant-chip.ui");
}

static void
kith_participant_chip_init (KithParticipantChip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_participant_chip_new (KithRecordItem *item)
{
  g_return_val_if_fail (KITH_IS_RECORD_ITEM (item), NULL);

  return g_object_new (KITH_TYPE_PARTICIPANT_CHIP, "item", item, NULL);
}

/**
 * kith_participant_chip_get_item:
 *
 * Returns: (transfer none): who the chip shows
 */
KithRecordItem *
kith_participant_chip_get_item (KithParticipantChip *self)
{
  g_return_val_if_fail (KITH_IS_PARTICIPANT_CHIP (self), NULL);

  return self->item;
}
