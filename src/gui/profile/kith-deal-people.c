/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithDealPeople"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"

#include "kith-deal-people.h"
#include "kith-deal-person-row.h"
#include "kith-field-refusal.h"
#include "kith-record-save.h"

/*
 * The People group of a deal's profile: its participants (the buyer, the seller) and its team,
 * a row each bound to the deal's list of KithDealParticipant. A row opens that person or company;
 * its button takes them off the deal, with Undo; one is added by typing an email the store knows
 * (it says so under the row when it does not). Each change is saved at once. It speaks of deals
 * as the preset does ("names").
 */

struct _KithDealPeople
{
  AdwBin               parent_instance;

  GtkListBox          *people_list;
  AdwEntryRow         *add_row;

  KithKindNames       *names;
  KithStore           *store;
  KithDeal            *deal;
  GCancellable        *cancellable;  /* cancelled on dispose; writes get none */
  GHashTable          *refusals;     /* the add row, while refused (kith-field-refusal.c) */
};

G_DEFINE_FINAL_TYPE (KithDealPeople, kith_deal_people, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD,
  PROP_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast_text (KithDealPeople *self,
            const char     *text)
{
  kith_widget_add_toast (GTK_WIDGET (self), adw_toast_new (text));
}

static void save (KithDealPeople *self, KithRecordSavedFunc done, gpointer where, GDestroyNotify where_free,
                  const char *text);

/* Adding: a refusal (no such person) shows under the row, in full, the email kept */

static void
set_add_error (KithDealPeople *self,
               const char     *message)
{
  kith_field_refusal_set (self->refusals, GTK_WIDGET (self->add_row), message);
}

static void
on_added_cb (gpointer      owner,
             KithRecord   *record,
             const GError *error,
             gpointer      where,
             const char   *text)
{
  KithDealPeople *self = owner;

  if (record != KITH_RECORD (self->deal))
    return;
  set_add_error (self, error != NULL ? error->message : NULL);
  if (error == NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->add_row)), text) == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
}

static void
on_add_applied_cb (KithDealPeople *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row))));
  g_autoptr(KithDealParticipant) participant = NULL;

  if (self->deal == NULL || *text == '\0')
    return;

  participant = kith_deal_participant_new_named (text, KITH_DEAL_ROLE_PARTICIPANT);
  kith_deal_add_participant (self->deal, participant);
  save (self, on_added_cb, NULL, NULL, text);
}

/* Removing, with Undo: the toast's button puts the one removed back on the deal it was removed
 * from, whichever the profile shows by then */

typedef struct {
  KithDealPeople      *self;
  KithDeal            *deal;
  KithDealParticipant *participant;
} Removed;

static void
removed_free (gpointer  data,
              GClosure *closure)
{
  Removed *removed = data;

  g_clear_object (&removed->self);
  g_clear_object (&removed->deal);
  g_clear_object (&removed->participant);
  g_free (removed);
}

static void
on_restored_cb (gpointer      owner,
                KithRecord   *record,
                const GError *error,
                gpointer      where,
                const char   *text)
{
  if (error != NULL)
    toast_text (owner, error->message);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Removed  *removed)
{
  KithDealPeople *self = removed->self;

  kith_deal_add_participant (removed->deal, removed->participant);
  kith_record_save (self->store, KITH_RECORD (removed->deal), self, self->cancellable, NULL, NULL, NULL,
                    on_restored_cb);
}

static void
on_removed_cb (gpointer      owner,
               KithRecord   *record,
               const GError *error,
               gpointer      where,
               const char   *text)
{
  KithDealPeople *self = owner;
  Removed *removed;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (error != NULL)
    {
      toast_text (self, error->message);
      return;
    }

  removed = g_new0 (Removed, 1);
  removed->self = g_object_ref (self);
  removed->deal = KITH_DEAL (g_object_ref (record));
  removed->participant = g_object_ref (where);
  message = g_strdup_printf (kith_kind_names_get_deal_word (self->names, KITH_DEAL_WORD_REMOVED_FROM),
                             kith_deal_participant_get_name (removed->participant));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), removed, removed_free, 0);
  kith_widget_add_toast (GTK_WIDGET (self), toast);
}

static KithDealParticipant *
find_participant (KithDealPeople *self,
                  gint64          id,
                  KithDealRole    role)
{
  GListModel *participants = kith_deal_get_participants (self->deal);

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(KithDealParticipant) p = g_list_model_get_item (participants, i);

      if (kith_deal_participant_get_id (p) == id && kith_deal_participant_get_role (p) == role)
        return g_steal_pointer (&p);
    }

  return NULL;
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithDealPeople *self = KITH_DEAL_PEOPLE (widget);
  KithDealParticipant *participant;
  gint64 id;
  int role;

  if (self->deal == NULL)
    return;
  g_variant_get (parameter, "(xi)", &id, &role);
  participant = find_participant (self, id, role);
  if (participant == NULL)
    return;

  kith_deal_remove_participant (self->deal, participant);
  save (self, on_removed_cb, participant, g_object_unref, NULL);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_RECORD], 0, g_variant_get_int64 (parameter));
}

/* Writes what changed in the deal; @done hears how it went while the group is alive */
static void
save (KithDealPeople      *self,
      KithRecordSavedFunc  done,
      gpointer             where,
      GDestroyNotify       where_free,
      const char          *text)
{
  kith_record_save (self->store, KITH_RECORD (self->deal), self, self->cancellable, where, where_free, text, done);
}

/* The deal shown */

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  KithDealPeople *self = user_data;

  return kith_deal_person_row_new (item, self->names);
}

static void
bind_rows (KithDealPeople *self)
{
  gtk_list_box_bind_model (self->people_list,
                           self->deal != NULL && self->names != NULL ? kith_deal_get_participants (self->deal) : NULL,
                           create_row, self, NULL);
}

/* The preset changed what deals are called: the description and the rows say it again */
static void
on_names_changed_cb (KithKindNames  *names,
                     GParamSpec     *pspec,
                     KithDealPeople *self)
{
  /* The group is the bin's child, which AdwBin unparents itself */
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (adw_bin_get_child (ADW_BIN (self))),
                                         kith_kind_names_get_deal_word (names, KITH_DEAL_WORD_PEOPLE_HELP));
  bind_rows (self);
}

static void
set_names (KithDealPeople *self,
           KithKindNames  *names)
{
  if (self->names != NULL)
    g_signal_handlers_disconnect_by_data (self->names, self);
  if (!g_set_object (&self->names, names))
    return;
  if (names != NULL)
    {
      g_signal_connect_object (names, "notify::real-estate", G_CALLBACK (on_names_changed_cb), self, 0);
      on_names_changed_cb (names, NULL, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAMES]);
}

static void
set_record (KithDealPeople *self,
            KithRecord     *record)
{
  KithDeal *deal = KITH_IS_DEAL (record) ? KITH_DEAL (record) : NULL;

  if (!g_set_object (&self->deal, deal))
    return;

  set_add_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  bind_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self), deal != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

static void
kith_deal_people_dispose (GObject *object)
{
  KithDealPeople *self = KITH_DEAL_PEOPLE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_DEAL_PEOPLE);
  g_clear_object (&self->deal);
  g_clear_object (&self->names);

  G_OBJECT_CLASS (kith_deal_people_parent_class)->dispose (object);
}

static void
kith_deal_people_finalize (GObject *object)
{
  KithDealPeople *self = KITH_DEAL_PEOPLE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->refusals, g_hash_table_unref);

  G_OBJECT_CLASS (kith_deal_people_parent_class)->finalize (object);
}

static void
kith_deal_people_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KithDealPeople *self = KITH_DEAL_PEOPLE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->deal);
      break;
    case PROP_NAMES:
      g_value_set_object (value, self->names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_deal_people_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KithDealPeople *self = KITH_DEAL_PEOPLE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_RECORD:
      set_record (self, g_value_get_object (value));
      break;
    case PROP_NAMES:
      set_names (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_deal_people_class_init (KithDealPeopleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_deal_people_dispose;
  object_class->finalize = kith_deal_people_finalize;
  object_class->get_property = kith_deal_people_get_property;
  object_class->set_property = kith_deal_people_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  /**
   * KithDealPeople:record:
   *
   * The record of the profile: the group shows only for a #KithDeal.
   */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, KITH_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KithDealPeople:names:
   *
   * What the preset calls deals; the rows show once it is set.
   */
  properties[PROP_NAMES] =
    g_param_spec_object ("names", NULL, NULL, KITH_TYPE_KIND_NAMES,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithDealPeople::open-record:
   * @id: the person or company to show
   */
  signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-deal-people.ui");
  gtk_widget_class_bind_template_child (widget_class, KithDealPeople, people_list);
  gtk_widget_class_bind_template_child (widget_class, KithDealPeople, add_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_applied_cb);

  gtk_widget_class_install_action (widget_class, "deal-people.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "deal-people.remove", "(xi)", remove_action);
}

static void
kith_deal_people_init (KithDealPeople *self)
{
  self->cancellable = g_cancellable_new ();
  self->refusals = kith_field_refusals_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
