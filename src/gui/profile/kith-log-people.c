/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithLogPeople: who took part in a call, text, meeting or message, on the form that logs or
 * edits it (KithItemDialog). A row per person (KithLogPersonRow) with a button that takes them
 * off; anyone else typed by name or email, completed from the people in Kith, looked up on the
 * store's worker and added with Enter. Someone not in Kith, or a name several people have, is
 * named under the field.
 */

#define G_LOG_DOMAIN "KithLogPeople"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-address-match.h"
#include "kith-address-search.h"
#include "kith-log-people.h"
#include "kith-log-person-row.h"
#include "kith-timeline-manual.h"
#include "kith-timeline-person.h"

struct _KithLogPeople
{
  AdwPreferencesGroup  parent_instance;

  GtkListBox          *people_list;
  GtkEntry            *person_entry;
  GtkLabel            *error_label;
  GListStore          *people;
  GtkListStore        *matches;

  KithStore           *store;
  gboolean             editable;
  GCancellable        *cancellable;   /* cancelled when the form goes: nothing left to show */
  GCancellable        *search;        /* the names looked up for what person_entry holds */
};

G_DEFINE_FINAL_TYPE (KithLogPeople, kith_log_people, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_STORE,
  PROP_EDITABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_person_row (gpointer item,
                   gpointer user_data)
{
  KithLogPeople *self = user_data;

  return kith_log_person_row_new (item, self->editable);
}

static gboolean
has_person (KithLogPeople      *self,
            KithTimelinePerson *person)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->people));
  gint64 id = kith_timeline_person_get_record_id (person);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithTimelinePerson) other = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      if ((id != 0 && kith_timeline_person_get_record_id (other) == id) ||
          g_strcmp0 (kith_timeline_person_get_value (other), kith_timeline_person_get_value (person)) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * kith_log_people_refuse:
 * @message: (nullable): what is wrong with who took part, or %NULL when nothing is
 *
 * Names what is wrong under the field that adds people, and gives it the keyboard.
 */
void
kith_log_people_refuse (KithLogPeople *self,
                        const char    *message)
{
  g_return_if_fail (KITH_IS_LOG_PEOPLE (self));

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->person_entry), "error");
      return;
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->person_entry), "error");
  gtk_widget_grab_focus (GTK_WIDGET (self->person_entry));
}

/**
 * kith_log_people_add_participants:
 * @people: a list of KithTimelinePerson: those of them who took part are added
 *
 * Adds who took part, each once; a sender or recipients are not shown.
 */
void
kith_log_people_add_participants (KithLogPeople *self,
                                  GListModel    *people)
{
  guint n = people != NULL ? g_list_model_get_n_items (people) : 0;

  g_return_if_fail (KITH_IS_LOG_PEOPLE (self));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithTimelinePerson) person = g_list_model_get_item (people, i);

      if (g_strcmp0 (kith_timeline_person_get_role (person), "participant") == 0 && !has_person (self, person))
        g_list_store_append (self->people, person);
    }
}

static void
on_log_people_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KithLogPeople) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = kith_store_list_log_people_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (people == NULL)
    kith_log_people_refuse (self, error->message);
  kith_log_people_add_participants (self, people);
}

/**
 * kith_log_people_load_for:
 * @record_id: the profile something is logged from
 *
 * Adds who took part in what is logged from @record_id's profile: a deal's people, or the
 * record itself (kith_store_list_log_people_async()).
 */
void
kith_log_people_load_for (KithLogPeople *self,
                          gint64         record_id)
{
  g_return_if_fail (KITH_IS_LOG_PEOPLE (self));
  g_return_if_fail (self->store != NULL);

  kith_store_list_log_people_async (self->store, record_id, self->cancellable, on_log_people_cb, g_object_ref (self));
}

/**
 * kith_log_people_dup_values:
 *
 * Returns: (transfer full): who took part, as the store takes them: records ("#id") or addresses
 */
GStrv
kith_log_people_dup_values (KithLogPeople *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->people));
  GStrv values = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithTimelinePerson) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      values[i] = g_strdup (kith_timeline_person_get_value (person));
    }

  return values;
}

gboolean
kith_log_people_is_empty (KithLogPeople *self)
{
  g_return_val_if_fail (KITH_IS_LOG_PEOPLE (self), TRUE);

  return g_list_model_get_n_items (G_LIST_MODEL (self->people)) == 0;
}

/* A person's row asks for them to be taken off */
static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithLogPeople *self = KITH_LOG_PEOPLE (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->people));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithTimelinePerson) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      if (g_strcmp0 (kith_timeline_person_get_value (person), g_variant_get_string (parameter, NULL)) == 0)
        {
          g_list_store_remove (self->people, i);
          gtk_widget_grab_focus (GTK_WIDGET (self->person_entry));
          return;
        }
    }
}

static void
on_participant_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KithLogPeople) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTimelinePerson) person = kith_store_find_participant_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (person == NULL)
    {
      kith_log_people_refuse (self, error->message);
      return;
    }

  kith_log_people_refuse (self, NULL);
  if (!has_person (self, person))
    g_list_store_append (self->people, person);
  gtk_editable_set_text (GTK_EDITABLE (self->person_entry), "");
}

/* The person typed, looked up among the people in Kith and added */
static void
find_person (KithLogPeople *self,
             const char    *text)
{
  g_autofree char *clean = g_strstrip (g_strdup (text));

  if (*clean != '\0' && self->store != NULL)
    kith_store_find_participant_async (self->store, clean, self->cancellable, on_participant_cb, g_object_ref (self));
}

static void
on_person_activate_cb (GtkEntry      *entry,
                       KithLogPeople *self)
{
  find_person (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static gboolean
on_match_selected_cb (GtkEntryCompletion *completion,
                      GtkTreeModel       *model,
                      GtkTreeIter        *iter,
                      KithLogPeople      *self)
{
  g_autofree char *name = NULL;

  gtk_tree_model_get (model, iter, 0, &name, -1);
  find_person (self, name);
  return TRUE;
}

static void
on_matches_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithLogPeople) self = user_data;
  g_autoptr(GListModel) found = kith_store_find_addresses_finish (KITH_STORE (source), result, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = found != NULL ? g_list_model_get_n_items (found) : 0;

  if (found == NULL)
    return;

  gtk_list_store_clear (self->matches);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithAddressMatch) match = g_list_model_get_item (found, i);
      gint64 id = kith_address_match_get_record_id (match);

      /* A person with two emails is one name to choose */
      if (kith_address_match_get_kind (match) != KITH_RECORD_PERSON ||
          g_hash_table_contains (seen, &id) || kith_address_match_get_name (match) == NULL)
        continue;
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      gtk_list_store_insert_with_values (self->matches, NULL, -1, 0, kith_address_match_get_name (match), -1);
    }
}

/* The names completion offers for what is typed: the people in Kith it starts */
static void
on_person_changed_cb (GtkEditable   *entry,
                      KithLogPeople *self)
{
  const char *text = gtk_editable_get_text (entry);

  g_cancellable_cancel (self->search);
  g_clear_object (&self->search);
  if (*text == '\0' || self->store == NULL)
    return;

  self->search = g_cancellable_new ();
  kith_store_find_addresses_async (self->store, text, 10, self->search, on_matches_cb, g_object_ref (self));
}

static void
kith_log_people_dispose (GObject *object)
{
  KithLogPeople *self = KITH_LOG_PEOPLE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search);
  if (self->people_list != NULL)
    gtk_list_box_bind_model (self->people_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_LOG_PEOPLE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kith_log_people_parent_class)->dispose (object);
}

static void
kith_log_people_finalize (GObject *object)
{
  KithLogPeople *self = KITH_LOG_PEOPLE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->search);

  G_OBJECT_CLASS (kith_log_people_parent_class)->finalize (object);
}

static void
kith_log_people_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KithLogPeople *self = KITH_LOG_PEOPLE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_log_people_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KithLogPeople *self = KITH_LOG_PEOPLE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_EDITABLE:
      self->editable = g_value_get_boolean (value);
      gtk_widget_set_visible (GTK_WIDGET (self->person_entry), self->editable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_log_people_class_init (KithLogPeopleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_log_people_dispose;
  object_class->finalize = kith_log_people_finalize;
  object_class->get_property = kith_log_people_get_property;
  object_class->set_property = kith_log_people_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* Whether people can be added and taken off: not on what a calendar keeps. Set before any
   * is added */
  properties[PROP_EDITABLE] = g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                                                    G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_TIMELINE_PERSON);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-log-people.ui");
  gtk_widget_class_bind_template_child (widget_class, KithLogPeople, people_list);
  gtk_widget_class_bind_template_child (widget_class, KithLogPeople, person_entry);
  gtk_widget_class_bind_template_child (widget_class, KithLogPeople, error_label);
  gtk_widget_class_bind_template_child (widget_class, KithLogPeople, people);
  gtk_widget_class_bind_template_child (widget_class, KithLogPeople, matches);
  gtk_widget_class_bind_template_callback (widget_class, on_person_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_person_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_match_selected_cb);

  gtk_widget_class_install_action (widget_class, "people.remove", "s", remove_action);
}

static void
kith_log_people_init (KithLogPeople *self)
{
  self->editable = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_bind_model (self->people_list, G_LIST_MODEL (self->people), create_person_row, self, NULL);
}
