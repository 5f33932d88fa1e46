/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithDealPersonRow: one of a deal's people — a participant (the buyer, the seller) or one of its
 * team — with the role. Activated it opens that person or company (deal-people.open); its button
 * takes them off the deal (deal-people.remove).
 */

#define G_LOG_DOMAIN "KithDealPersonRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-deal-person-row.h"

struct _KithDealPersonRow
{
  AdwActionRow         parent_instance;

  GtkWidget           *remove_button;

  KithDealParticipant *participant;
  KithKindNames       *names;  /* what the preset calls deals */
};

G_DEFINE_FINAL_TYPE (KithDealPersonRow, kith_deal_person_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_PARTICIPANT,
  PROP_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
role_text (KithDealPersonRow   *self,
           KithDealParticipant *participant)
{
  gboolean company = kith_deal_participant_get_kind (participant) == KITH_RECORD_COMPANY;

  if (kith_deal_participant_get_role (participant) == KITH_DEAL_ROLE_TEAM)
    return kith_kind_names_get_deal_word (self->names, KITH_DEAL_WORD_TEAM);
  return company ? _("Participant · Company") : _("Participant");
}

static void
kith_deal_person_row_constructed (GObject *object)
{
  KithDealPersonRow *self = KITH_DEAL_PERSON_ROW (object);
  KithDealParticipant *participant = self->participant;
  gint64 id = kith_deal_participant_get_id (participant);
  const char *name = kith_deal_participant_get_name (participant);
  g_autofree char *remove_name = NULL;

  G_OBJECT_CLASS (kith_deal_person_row_parent_class)->constructed (object);

  /* One only named, not saved yet, is not a record to open or take off */
  if (name == NULL)
    name = kith_deal_participant_get_identifier (participant);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), role_text (self, participant));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), id > 0);
  gtk_widget_set_visible (self->remove_button, id > 0);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self), g_variant_new_int64 (id));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->remove_button),
                                          g_variant_new ("(xi)", id, (int) kith_deal_participant_get_role (participant)));
  remove_name = g_strdup_printf (kith_kind_names_get_deal_word (self->names, KITH_DEAL_WORD_REMOVE_FROM), name);
  gtk_widget_set_tooltip_text (self->remove_button, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
}

static void
kith_deal_person_row_dispose (GObject *object)
{
  /* No gtk_widget_dispose_template (): AdwActionRow takes its suffixes down itself (GTK issue
   * 5834: they would be disposed twice) */
  g_clear_object (&KITH_DEAL_PERSON_ROW (object)->participant);
  g_clear_object (&KITH_DEAL_PERSON_ROW (object)->names);

  G_OBJECT_CLASS (kith_deal_person_row_parent_class)->dispose (object);
}

static void
kith_deal_person_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PARTICIPANT:
      g_value_set_object (value, KITH_DEAL_PERSON_ROW (object)->participant);
      break;
    case PROP_NAMES:
      g_value_set_object (value, KITH_DEAL_PERSON_ROW (object)->names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_deal_person_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PARTICIPANT:
      KITH_DEAL_PERSON_ROW (object)->participant = g_value_dup_object (value);
      break;
    case PROP_NAMES:
      KITH_DEAL_PERSON_ROW (object)->names = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_deal_person_row_class_init (KithDealPersonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_deal_person_row_constructed;
  object_class->dispose = kith_deal_person_row_dispose;
  object_class->get_property = kith_deal_person_row_get_property;
  object_class->set_property = kith_deal_person_row_set_property;

  properties[PROP_PARTICIPANT] =
    g_param_spec_object ("participant", NULL, NULL, KITH_TYPE_DEAL_PARTICIPANT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* What the preset calls deals, in the role of the team and the remove button's name */
  properties[PROP_NAMES] =
    g_param_spec_object ("names", NULL, NULL, KITH_TYPE_KIND_NAMES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-deal-person-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithDealPersonRow, remove_button);
}

static void
kith_deal_person_row_init (KithDealPersonRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_deal_person_row_new (KithDealParticipant *participant,
                          KithKindNames       *names)
{
  g_return_val_if_fail (KITH_IS_DEAL_PARTICIPANT (participant), NULL);
  g_return_val_if_fail (KITH_IS_KIND_NAMES (names), NULL);

  return g_object_new (KITH_TYPE_DEAL_PERSON_ROW, "participant", participant, "names", names, NULL);
}
