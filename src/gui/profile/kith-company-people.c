/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithCompanyPeople"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"

#include "kith-company-people.h"
#include "kith-company-person-row.h"
#include "kith-list-sync.h"

/*
 * The People group of a company's profile: those whose company it is, read on the store's worker,
 * a row each that opens the person. A person is added by typing their email or name (the store
 * says so when it knows no one by it), and taken off with Undo: either sets the person's company.
 * The list is read again when the store's "changed" names one of its people, or a person's
 * company changed.
 */

struct _KithCompanyPeople
{
  AdwBin        parent_instance;

  GtkListBox   *people_list;
  AdwEntryRow  *add_row;

  KithStore    *store;
  KithCompany  *company;
  GListStore   *people;       /* of KithPerson, as last read; the list box shows it */
  GCancellable *cancellable;  /* the read of the people shown; writes get none */
  GCancellable *alive;        /* cancelled on dispose: a write's answer then shows nowhere */
};

G_DEFINE_FINAL_TYPE (KithCompanyPeople, kith_company_people, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
company_id (KithCompanyPeople *self)
{
  return self->company != NULL ? kith_record_get_id (KITH_RECORD (self->company)) : 0;
}

/* Reading */

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return kith_company_person_row_new (item);
}

/* The same row: a person renamed, or with a new headline, is shown by a new row */
static gboolean
same_person (gpointer item,
             gpointer other)
{
  return kith_record_get_id (item) == kith_record_get_id (other) &&
         g_strcmp0 (kith_record_get_name (item), kith_record_get_name (other)) == 0 &&
         g_strcmp0 (kith_person_get_headline (item), kith_person_get_headline (other)) == 0;
}

static void
update_person (gpointer item,
               gpointer from)
{
}

/* Only the rows that changed are made again: a row the pointer is on stays (made again under a
 * click, it left GTK's count of pressed widgets broken) */
static void
show_people (KithCompanyPeople *self,
             GListModel        *people)
{
  kith_list_store_sync_model (self->people, people, same_person, update_person);
  gtk_widget_set_visible (GTK_WIDGET (self->people_list), g_list_model_get_n_items (G_LIST_MODEL (self->people)) > 0);
}

static void
on_people_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KithCompanyPeople) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = kith_store_list_people_of_finish (KITH_STORE (source), result, &error);

  if (people == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not read the company's people: %s", error->message);
  if (people != NULL)
    show_people (self, people);
}

static void
reload (KithCompanyPeople *self)
{
  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  if (self->store == NULL || self->company == NULL)
    return;
  kith_store_list_people_of_async (self->store, company_id (self), self->cancellable, on_people_read_cb,
                                   g_object_ref (self));
}

static gboolean
names_one_shown (KithCompanyPeople *self,
                 KithStoreChanges  *changes)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->people)); i++)
    {
      g_autoptr(KithRecord) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      if (kith_store_changes_contains (changes, kith_record_get_id (person)))
        return TRUE;
    }
  return FALSE;
}

/* Someone joined or left (here or elsewhere: kith-cli, the local API, their own profile), or one
 * of those shown was renamed or deleted */
static void
on_store_changed_cb (KithStore         *store,
                     KithStoreChanges  *changes,
                     KithCompanyPeople *self)
{
  if (self->company == NULL)
    return;
  if (kith_store_changes_is_reshaped (changes, KITH_RECORD_PERSON) ||
      kith_store_changes_column_changed (changes, KITH_RECORD_PERSON, "company_id") ||
      names_one_shown (self, changes))
    reload (self);
}

/* Adding: a refusal (no one by that email or name) shows in place of the row's title, the text
 * kept */

static void
set_add_error (KithCompanyPeople *self,
               const char        *message)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row),
                                 message != NULL ? message : _("Add Person by Email or Name"));
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->add_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->add_row), "error");
}

typedef struct {
  KithCompanyPeople *self;
  KithCompany       *company;
  char              *text;
} Adding;

static void
on_added_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Adding *adding = user_data;
  g_autoptr(KithCompanyPeople) self = adding->self;
  g_autoptr(KithCompany) company = adding->company;
  g_autofree char *text = adding->text;
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_add_to_company_finish (KITH_STORE (source), result, &error);

  g_free (adding);
  /* Added either way; a group gone or showing another company says nothing of it */
  if (g_cancellable_is_cancelled (self->alive) || self->company != company)
    return;
  set_add_error (self, id == 0 ? error->message : NULL);
  if (id != 0 && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->add_row)), text) == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
}

static void
on_add_applied_cb (KithCompanyPeople *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row))));
  Adding *adding;

  if (self->company == NULL || *text == '\0')
    return;

  adding = g_new0 (Adding, 1);
  adding->self = g_object_ref (self);
  adding->company = g_object_ref (self->company);
  adding->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->add_row)));
  /* A write the user asked for completes, whatever happens to the group meanwhile */
  kith_store_add_to_company_async (self->store, text, company_id (self), NULL, on_added_cb, adding);
}

/* Removing, with Undo: the toast's button gives the person back the company they were taken
 * off, whichever the profile shows by then */

typedef struct {
  KithCompanyPeople *self;
  KithStore         *store;
  gint64             person_id;
  gint64             company_id;
  char              *name;
} Removed;

static void
removed_free (gpointer  data,
              GClosure *closure)
{
  Removed *removed = data;

  g_clear_object (&removed->self);
  g_clear_object (&removed->store);
  g_free (removed->name);
  g_free (removed);
}

static void
toast_text (KithCompanyPeople *self,
            const char        *text)
{
  if (!g_cancellable_is_cancelled (self->alive))
    kith_widget_add_toast (GTK_WIDGET (self), adw_toast_new (text));
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithCompanyPeople) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_store_set_company_of_finish (KITH_STORE (source), result, &error))
    toast_text (self, error->message);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    Removed  *removed)
{
  kith_store_set_company_of_async (removed->store, removed->person_id, removed->company_id, NULL, on_restored_cb,
                                   g_object_ref (removed->self));
}

static void
on_removed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Removed *removed = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (!kith_store_set_company_of_finish (KITH_STORE (source), result, &error))
    {
      toast_text (removed->self, error->message);
      removed_free (removed, NULL);
      return;
    }
  if (g_cancellable_is_cancelled (removed->self->alive))
    {
      removed_free (removed, NULL);
      return;
    }

  message = g_strdup_printf (_("“%s” removed from the company"), removed->name);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), removed, removed_free, 0);
  kith_widget_add_toast (GTK_WIDGET (removed->self), toast);
}

static KithRecord *
find_person (KithCompanyPeople *self,
             gint64             id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->people)); i++)
    {
      g_autoptr(KithRecord) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);

      if (kith_record_get_id (person) == id)
        return g_steal_pointer (&person);
    }
  return NULL;
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithCompanyPeople *self = KITH_COMPANY_PEOPLE (widget);
  g_autoptr(KithRecord) person = find_person (self, g_variant_get_int64 (parameter));
  Removed *removed;

  if (person == NULL)
    return;

  removed = g_new0 (Removed, 1);
  removed->self = g_object_ref (self);
  removed->store = g_object_ref (self->store);
  removed->person_id = kith_record_get_id (person);
  removed->company_id = company_id (self);
  removed->name = g_strdup (kith_record_get_name (person));
  kith_store_set_company_of_async (self->store, removed->person_id, 0, NULL, on_removed_cb, removed);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_RECORD], 0, g_variant_get_int64 (parameter));
}

/* The company shown */

static void
set_store (KithCompanyPeople *self,
           KithStore         *store)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  if (!g_set_object (&self->store, store))
    return;
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  reload (self);
}

static void
set_record (KithCompanyPeople *self,
            KithRecord        *record)
{
  KithCompany *company = KITH_IS_COMPANY (record) ? KITH_COMPANY (record) : NULL;

  if (!g_set_object (&self->company, company))
    return;

  set_add_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->add_row), "");
  /* The rows stay until the next company's are read: the one clicked to open a person is still
   * handling its click */
  reload (self);
  gtk_widget_set_visible (GTK_WIDGET (self), company != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

static void
kith_company_people_dispose (GObject *object)
{
  KithCompanyPeople *self = KITH_COMPANY_PEOPLE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->alive);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_COMPANY_PEOPLE);
  g_clear_object (&self->company);

  G_OBJECT_CLASS (kith_company_people_parent_class)->dispose (object);
}

static void
kith_company_people_finalize (GObject *object)
{
  KithCompanyPeople *self = KITH_COMPANY_PEOPLE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->people);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->alive);

  G_OBJECT_CLASS (kith_company_people_parent_class)->finalize (object);
}

static void
kith_company_people_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KithCompanyPeople *self = KITH_COMPANY_PEOPLE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->company);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_company_people_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KithCompanyPeople *self = KITH_COMPANY_PEOPLE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    case PROP_RECORD:
      set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_company_people_class_init (KithCompanyPeopleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_company_people_dispose;
  object_class->finalize = kith_company_people_finalize;
  object_class->get_property = kith_company_people_get_property;
  object_class->set_property = kith_company_people_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  /**
   * KithCompanyPeople:record:
   *
   * The record of the profile: the group shows only for a #KithCompany.
   */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, KITH_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithCompanyPeople::open-record:
   * @id: the person to show
   */
  signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-company-people.ui");
  gtk_widget_class_bind_template_child (widget_class, KithCompanyPeople, people_list);
  gtk_widget_class_bind_template_child (widget_class, KithCompanyPeople, add_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_applied_cb);

  gtk_widget_class_install_action (widget_class, "company-people.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "company-people.remove", "x", remove_action);
}

static void
kith_company_people_init (KithCompanyPeople *self)
{
  self->cancellable = g_cancellable_new ();
  self->alive = g_cancellable_new ();
  self->people = g_list_store_new (KITH_TYPE_PERSON);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_bind_model (self->people_list, G_LIST_MODEL (self->people), create_row, NULL, NULL);
}
