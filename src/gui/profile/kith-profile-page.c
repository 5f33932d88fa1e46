/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithProfilePage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"

#include "kith-files-group.h"
#include "kith-merge-dialog.h"
#include "kith-profile-page.h"
#include "kith-relationship-editor.h"
#include "kith-timeline-view.h"
#include "kith-todo-dialog.h"

/*
 * A person's, company's or deal's profile: contact details edited in place, the relationship
 * (segment, stage, steps, tags, custom fields), timeline and to-dos, and files — a drop anywhere
 * on the page attaches files. Delete and merge come with Undo.
 *
 * The page shows a KithRecord: its fields are rows of the template, bound to the record's
 * properties (a row whose property the record's class lacks is hidden), and the repeated details
 * (emails, phones, …) are list boxes bound to the record's lists. A reload or a save changes the
 * record in place, so the rows stay and with them the keyboard focus, the cursor and unsaved
 * typing.
 */

/* One list box of repeated details: the record's entries, then a row that adds one */
typedef struct {
  KithProfilePage *self;
  KithRecordList   which;
  GtkListBox      *box;
  const char      *title;
  const char      *add_title;     /* NULL: read-only */
  KithRecordEntry *add;           /* the item of the row that adds one */
} EntryList;

#define N_LISTS (KITH_RECORD_APP_LINKS + 1)

struct _KithProfilePage
{
  GtkWidget               parent_instance;

  GtkWidget              *box;
  AdwHeaderBar           *header_bar;
  GtkWidget              *back_button;
  AdwWindowTitle         *window_title;
  GtkWidget              *menu_button;
  GtkStack               *stack;
  GtkWidget              *content;
  AdwAvatar              *avatar;
  GtkLabel               *name_label;
  GtkLabel               *headline_label;
  GtkButton              *company_button;
  AdwPreferencesGroup    *details_group;
  GtkListBox             *main_list;
  GtkListBox             *more_list;
  GtkListBox             *social_list;
  GtkListBox             *domains_list;
  GtkListBox             *emails_list;
  GtkListBox             *phones_list;
  GtkListBox             *urls_list;
  GtkListBox             *addresses_list;
  GtkListBox             *links_list;

  KithRelationshipEditor *relationship;
  KithTimelineView       *timeline;
  KithFilesGroup         *files;

  EntryList               lists[N_LISTS];
  GPtrArray              *bindings;     /* of the record's properties to rows and labels */
  GHashTable             *titles;       /* row → its title, while a refusal shows in its place */

  KithStore              *store;
  KithRecord             *record;
  gint64                  record_id;    /* the record shown, or being loaded */
  GCancellable           *cancellable;  /* reads only */
};

G_DEFINE_FINAL_TYPE (KithProfilePage, kith_profile_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_RECORD,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (KithProfilePage *self,
       AdwToast        *t)
{
  kith_widget_add_toast (GTK_WIDGET (self), t);
}

static void
toast_text (KithProfilePage *self,
            const char      *text)
{
  toast (self, adw_toast_new (text));
}

/* A value the store refused shows at its field, in place of the field's title */

static void
show_row_error (KithProfilePage *self,
                GtkWidget       *row,
                const char      *message)
{
  if (!g_hash_table_contains (self->titles, row))
    g_hash_table_insert (self->titles, g_object_ref (row), g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
  gtk_widget_add_css_class (row, "error");
}

static void
restore_title (GtkWidget  *row,
               const char *title)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_remove_css_class (row, "error");
}

static void
clear_row_error (KithProfilePage *self,
                 GtkWidget       *row)
{
  const char *title = g_hash_table_lookup (self->titles, row);

  if (title == NULL)
    return;
  restore_title (row, title);
  g_hash_table_remove (self->titles, row);
}

/* Another record: no refusal stands */
static void
clear_row_errors (KithProfilePage *self)
{
  g_hash_table_foreach (self->titles, (GHFunc) restore_title, NULL);
  g_hash_table_remove_all (self->titles);
}

/* Saving the changed record */

typedef struct {
  KithProfilePage *self;
  KithRecord      *record;
  GtkWidget       *row;    /* where a refusal is shown */
  char            *text;   /* what the user typed there */
} Saving;

static void
saving_free (Saving *saving)
{
  g_clear_object (&saving->self);
  g_clear_object (&saving->record);
  g_clear_object (&saving->row);
  g_free (saving->text);
  g_free (saving);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Saving, saving_free)

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Saving) saving = user_data;
  KithProfilePage *self = saving->self;
  g_autoptr(GError) error = NULL;

  if (kith_store_save_record_finish (KITH_STORE (source), result, &error))
    {
      if (saving->row != NULL)
        clear_row_error (self, saving->row);
      return;
    }

  /* The record goes back to what the store has; the field keeps what was typed and says what is
   * wrong with it */
  kith_record_discard_changes (saving->record);
  if (g_cancellable_is_cancelled (self->cancellable) || saving->record != self->record)
    return;
  if (saving->row != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (saving->row), saving->text);
      show_row_error (self, saving->row, error->message);
    }
  else
    toast_text (self, error->message);
}

/* Writes what changed in the record. A write the user asked for completes, whatever happens to
 * the page meanwhile: it gets no cancellable. */
static void
save (KithProfilePage *self,
      GtkWidget       *row,
      const char      *text)
{
  Saving *saving = g_new0 (Saving, 1);

  saving->self = g_object_ref (self);
  saving->record = g_object_ref (self->record);
  saving->row = row != NULL ? g_object_ref (row) : NULL;
  saving->text = g_strdup (text);
  kith_store_save_record_async (self->store, self->record, NULL, on_saved_cb, saving);
}

/* The fields: rows of the template named after the record property they edit */

/* Puts @text in the row a binding shows it in, unless the row has it already: setting the same
 * text again would move the cursor of someone typing there */
static gboolean
set_row_text (GBinding *binding,
              GValue   *to,
              char     *text)
{
  g_autoptr(GObject) row = g_binding_dup_target (binding);
  gboolean same = row != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) == 0;

  g_value_take_string (to, text);
  return !same;
}

static gboolean
text_of_value (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_autoptr(GObject) source = g_binding_dup_source (binding);
  gboolean has_value = !KITH_IS_DEAL (source) || kith_deal_has_value (KITH_DEAL (source));

  if (G_VALUE_HOLDS_STRING (from))
    return set_row_text (binding, to, g_strdup (g_value_get_string (from) != NULL ? g_value_get_string (from) : ""));
  if (G_VALUE_HOLDS_INT64 (from))
    return set_row_text (binding, to, g_value_get_int64 (from) >= 0
                                      ? g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (from)) : g_strdup (""));
  if (G_VALUE_HOLDS_DOUBLE (from))
    return set_row_text (binding, to, has_value ? g_strdup_printf ("%.2f", g_value_get_double (from)) : g_strdup (""));

  return FALSE;
}

/* Sets the property of @record that @property names from @text as typed */
static gboolean
set_from_text (KithRecord  *record,
               const char  *property,
               const char  *text,
               GError     **error)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (record), property);
  gint64 number;
  double value;

  if (pspec->value_type == G_TYPE_STRING)
    g_object_set (record, property, text, NULL);
  else if (pspec->value_type == G_TYPE_INT64 && *text == '\0')
    g_object_set (record, property, (gint64) -1, NULL);
  else if (pspec->value_type == G_TYPE_INT64)
    {
      if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &number, NULL))
        {
          g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID, _("“%s” is not a whole number"), text);
          return FALSE;
        }
      g_object_set (record, property, number, NULL);
    }
  else if (KITH_IS_DEAL (record) && *text == '\0')
    kith_deal_clear_value (KITH_DEAL (record));
  else if (!kith_parse_number (text, &value))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID, _("“%s” is not a number"), text);
      return FALSE;
    }
  else
    g_object_set (record, property, value, NULL);

  return TRUE;
}

static void
on_field_applied_cb (AdwEntryRow     *row,
                     KithProfilePage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;

  if (self->record == NULL)
    return;

  if (!set_from_text (self->record, gtk_widget_get_name (GTK_WIDGET (row)), text, &error))
    {
      show_row_error (self, GTK_WIDGET (row), error->message);
      return;
    }
  save (self, GTK_WIDGET (row), gtk_editable_get_text (GTK_EDITABLE (row)));
}

/* Binds the rows of @box to the record's properties of their names; hides those the record
 * lacks, and @box when none is left */
static void
bind_fields (KithProfilePage *self,
             GtkListBox      *box)
{
  gboolean any = FALSE;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (box)); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      const char *property = gtk_widget_get_name (row);
      gboolean has = g_object_class_find_property (G_OBJECT_GET_CLASS (self->record), property) != NULL;

      gtk_widget_set_visible (row, has);
      any |= has;
      if (has)
        g_ptr_array_add (self->bindings,
                         g_object_ref (g_object_bind_property_full (self->record, property, row, "text", G_BINDING_SYNC_CREATE,
                                                                    text_of_value, NULL, NULL, NULL)));
    }
  gtk_widget_set_visible (GTK_WIDGET (box), any);
}

/* The repeated details */

static const char *
label_text (const char *label)
{
  if (g_strcmp0 (label, "work") == 0)
    return _("Work");
  if (g_strcmp0 (label, "home") == 0)
    return _("Home");
  if (g_strcmp0 (label, "mobile") == 0)
    return _("Mobile");
  return NULL;
}

static gboolean
title_of_label (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  EntryList *list = user_data;
  const char *label = label_text (g_value_get_string (from));

  g_value_take_string (to, label != NULL ? g_strdup_printf ("%s (%s)", list->title, label) : g_strdup (list->title));
  return TRUE;
}

typedef struct {
  EntryList       *list;
  KithRecordEntry *entry;
} EntryRow;

static void
entry_row_free (gpointer  data,
                GClosure *closure)
{
  EntryRow *row = data;

  g_clear_object (&row->entry);
  g_free (row);
}

/* The row that adds an entry: the last of the list */
static void
focus_add_row (EntryList *list)
{
  GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (list->box));

  if (last != NULL)
    kith_widget_focus_without_selecting (last, -1);
}

static void
on_entry_applied_cb (AdwEntryRow *row,
                     EntryRow    *data)
{
  KithProfilePage *self = data->list->self;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gboolean removed = *text == '\0';

  if (self->record == NULL)
    return;

  kith_record_set_entry (self->record, data->list->which, kith_record_entry_get_position (data->entry), text);
  /* An entry emptied is gone with its row: the keyboard goes to the row that adds one */
  if (removed)
    focus_add_row (data->list);
  save (self, removed ? NULL : GTK_WIDGET (row), text);
}

static void
on_add_applied_cb (AdwEntryRow *row,
                   EntryList   *list)
{
  KithProfilePage *self = list->self;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (self->record == NULL || *text == '\0')
    return;

  /* The new entry shows at once above; the row stays empty for the next one */
  kith_record_set_entry (self->record, list->which, G_MAXUINT, text);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  save (self, GTK_WIDGET (row), text);
}

static GtkWidget *
new_entry_row (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  if (title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

/* An address or an app link: shown, not edited here */
static GtkWidget *
create_read_only_row (EntryList       *list,
                      KithRecordEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  const char *uri = kith_record_entry_get_uri (entry);
  const char *label = label_text (kith_record_entry_get_label (entry));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property (entry, "value", row, "title", G_BINDING_SYNC_CREATE);
  if (list->which == KITH_RECORD_ADDRESSES)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), label != NULL ? label : list->title);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mark-location-symbolic"));
      return row;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), list->title);
  if (uri != NULL && (g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://")))
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "profile.open-uri");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (uri));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("adw-external-link-symbolic"));
    }
  return row;
}

static GtkWidget *
create_entry_row (gpointer item,
                  gpointer user_data)
{
  EntryList *list = user_data;
  EntryRow *data;
  GtkWidget *row;

  if (item == list->add)
    {
      row = new_entry_row (list->add_title);
      g_signal_connect (row, "apply", G_CALLBACK (on_add_applied_cb), list);
      return row;
    }
  if (list->add_title == NULL)
    return create_read_only_row (list, item);

  row = new_entry_row (NULL);
  g_object_bind_property_full (item, "label", row, "title", G_BINDING_SYNC_CREATE, title_of_label, NULL, list, NULL);
  g_object_bind_property_full (item, "value", row, "text", G_BINDING_SYNC_CREATE, text_of_value, NULL, NULL, NULL);
  data = g_new0 (EntryRow, 1);
  data->list = list;
  data->entry = g_object_ref (item);
  g_signal_connect_data (row, "apply", G_CALLBACK (on_entry_applied_cb), data, entry_row_free, 0);
  return row;
}

static void
update_list_visibility (KithProfilePage *self)
{
  gboolean deal = KITH_IS_DEAL (self->record);

  gtk_widget_set_visible (GTK_WIDGET (self->lists[KITH_RECORD_DOMAINS].box), KITH_IS_COMPANY (self->record));
  gtk_widget_set_visible (GTK_WIDGET (self->lists[KITH_RECORD_EMAILS].box), !deal);
  gtk_widget_set_visible (GTK_WIDGET (self->lists[KITH_RECORD_PHONES].box), !deal);
  gtk_widget_set_visible (GTK_WIDGET (self->social_list), !deal);
  for (KithRecordList which = KITH_RECORD_ADDRESSES; which <= KITH_RECORD_APP_LINKS; which++)
    gtk_widget_set_visible (GTK_WIDGET (self->lists[which].box),
                            g_list_model_get_n_items (kith_record_get_list (self->record, which)) > 0);
}

static void
bind_list (KithProfilePage *self,
           EntryList       *list)
{
  GListModel *entries = kith_record_get_list (self->record, list->which);
  g_autoptr(GListStore) parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GtkFlattenListModel) model = NULL;

  g_list_store_append (parts, entries);
  if (list->add != NULL)
    {
      g_autoptr(GListStore) add = g_list_store_new (KITH_TYPE_RECORD_ENTRY);

      g_list_store_append (add, list->add);
      g_list_store_append (parts, add);
    }
  model = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&parts)));
  gtk_list_box_bind_model (list->box, G_LIST_MODEL (model), create_entry_row, list, NULL);
  if (list->add == NULL)
    g_signal_connect_object (entries, "items-changed", G_CALLBACK (update_list_visibility), self, G_CONNECT_SWAPPED);
}

/* Showing a record */

static gboolean
text_or_empty (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_value_set_string (to, g_value_get_string (from) != NULL ? g_value_get_string (from) : "");
  return TRUE;
}

static gboolean
is_set (GBinding     *binding,
        const GValue *from,
        GValue       *to,
        gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_string (from) != NULL && *g_value_get_string (from) != '\0');
  return TRUE;
}

/* Shows @property of the record in @widget's @label, and @widget only when it is set */
static void
bind_shown (KithProfilePage *self,
            const char      *property,
            GtkWidget       *widget,
            const char      *label)
{
  g_ptr_array_add (self->bindings, g_object_ref (g_object_bind_property_full (self->record, property, widget, label,
                                                                              G_BINDING_SYNC_CREATE, text_or_empty,
                                                                              NULL, NULL, NULL)));
  g_ptr_array_add (self->bindings, g_object_ref (g_object_bind_property_full (self->record, property, widget, "visible",
                                                                              G_BINDING_SYNC_CREATE, is_set,
                                                                              NULL, NULL, NULL)));
}

static void
unbind_all (KithProfilePage *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
}

static void
show_record (KithProfilePage *self,
             KithRecord      *record)
{
  const char *headline = KITH_IS_PERSON (record) ? "headline" : KITH_IS_COMPANY (record) ? "description" : "summary";

  unbind_all (self);
  clear_row_errors (self);
  if (!g_set_object (&self->record, record))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);

  if (record == NULL)
    {
      gtk_widget_set_visible (self->menu_button, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  bind_shown (self, headline, GTK_WIDGET (self->headline_label), "label");
  if (KITH_IS_PERSON (record))
    bind_shown (self, "company", GTK_WIDGET (self->company_button), "label");
  else
    gtk_widget_set_visible (GTK_WIDGET (self->company_button), FALSE);

  bind_fields (self, self->main_list);
  bind_fields (self, self->more_list);
  bind_fields (self, self->social_list);
  for (guint i = 0; i < N_LISTS; i++)
    bind_list (self, &self->lists[i]);
  update_list_visibility (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.merge", !KITH_IS_DEAL (record));
  gtk_widget_set_visible (self->menu_button, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "profile");
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithRecord) record = kith_store_get_record_finish (KITH_STORE (source), result, &error);

  if (record == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Gone (deleted elsewhere, merged away) */
      if (self->record_id != 0)
        kith_profile_page_set_record (self, self->store, 0);
      return;
    }
  if (kith_record_get_id (record) != self->record_id)
    return;

  /* The same record again: changed in place, so that the rows stay */
  if (self->record != NULL && kith_record_get_id (self->record) == self->record_id)
    kith_record_update_from (self->record, record);
  else
    show_record (self, record);
}

static void
reload (KithProfilePage *self)
{
  if (self->store == NULL || self->record_id == 0)
    return;

  kith_store_get_record_async (self->store, self->record_id, self->cancellable, on_loaded_cb, g_object_ref (self));
}

/* Actions */

/* Undo of a delete or merge. The toast carries what its Undo button undoes, so that each toast
 * still on screen undoes its own change; once a toast goes without Undo, the change is final. */

typedef struct {
  KithProfilePage *self;
  KithStore       *store;
  gint64           undo_id;
  gint64           open_id;   /* the record to show once undone */
  gboolean         undone;
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_object (&undo->self);
  g_clear_object (&undo->store);
  g_free (undo);
}

static void
on_undone_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Undo *undo = user_data;
  g_autoptr(GError) error = NULL;
  gboolean undone = kith_store_undo_finish (KITH_STORE (source), result, &error);

  /* Undone either way; a page already disposed shows nothing */
  if (!undone && !g_cancellable_is_cancelled (undo->self->cancellable))
    kith_widget_show_error (GTK_WIDGET (undo->self), error->message);
  else if (undone && !g_cancellable_is_cancelled (undo->self->cancellable))
    g_signal_emit (undo->self, signals[OPEN_RECORD], 0, undo->open_id);

  undo_free (undo, NULL);
}

static void
on_undo_clicked_cb (AdwToast *t,
                    Undo     *undo)
{
  Undo *running;

  undo->undone = TRUE;
  running = g_memdup2 (undo, sizeof *undo);
  g_object_ref (running->self);
  g_object_ref (running->store);
  /* A write the user asked for completes, whatever happens to the page meanwhile */
  kith_store_undo_async (undo->store, undo->undo_id, TRUE, NULL, on_undone_cb, running);
}

static void
on_undo_dismissed_cb (AdwToast *t,
                      Undo     *undo)
{
  if (!undo->undone)
    kith_store_undo_async (undo->store, undo->undo_id, FALSE, NULL, NULL, NULL);
}

static void
offer_undo (KithProfilePage *self,
            KithStore       *store,
            const char      *text,
            gint64           undo_id,
            gint64           open_id)
{
  AdwToast *t = adw_toast_new (text);
  Undo *undo = g_new0 (Undo, 1);

  undo->self = g_object_ref (self);
  undo->store = g_object_ref (store);
  undo->undo_id = undo_id;
  undo->open_id = open_id;
  adw_toast_set_button_label (t, _("_Undo"));
  /* The Undo lives as long as the toast's handlers */
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (on_undo_clicked_cb), undo, undo_free, 0);
  g_signal_connect (t, "dismissed", G_CALLBACK (on_undo_dismissed_cb), undo);
  toast (self, t);
}

typedef struct {
  KithProfilePage *self;
  KithStore       *store;
  gint64           id;
  char            *name;
} Deleting;

static void
on_deleted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Deleting *deleting = user_data;
  g_autoptr(KithProfilePage) self = deleting->self;
  g_autoptr(KithStore) store = deleting->store;
  g_autofree char *name = deleting->name;
  gint64 id = deleting->id;
  g_autoptr(GError) error = NULL;
  gint64 undo_id = kith_store_delete_record_finish (KITH_STORE (source), result, &error);
  g_autofree char *text = NULL;

  g_free (deleting);

  /* Deleted either way; a page already disposed shows nothing */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (undo_id == 0)
    {
      toast_text (self, error->message);
      return;
    }

  text = g_strdup_printf (_("“%s” deleted"), name);
  offer_undo (self, store, text, undo_id, id);

  g_signal_emit (self, signals[DELETED], 0);
  if (self->record_id == id)
    kith_profile_page_set_record (self, self->store, 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);
  Deleting *deleting;

  if (self->record == NULL)
    return;

  deleting = g_new0 (Deleting, 1);
  deleting->self = g_object_ref (self);
  deleting->store = g_object_ref (self->store);
  deleting->id = self->record_id;
  deleting->name = g_strdup (kith_record_get_name (self->record));
  kith_store_delete_record_async (self->store, self->record_id, NULL, on_deleted_cb, deleting);
}

static void
private_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);
  gboolean private;

  if (self->record == NULL)
    return;

  private = kith_record_get_private (self->record);
  kith_record_set_private (self->record, !private);
  save (self, NULL, NULL);
  toast_text (self, private ? _("No longer private") : _("Marked private"));
}

static void on_editor_changed_cb (KithProfilePage *self);

static void
add_todo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = kith_todo_dialog_new (self->store, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->record_id);

  g_signal_connect_object (dialog, "added", G_CALLBACK (on_editor_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_company_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);

  if (KITH_IS_PERSON (self->record) && kith_person_get_company_id (KITH_PERSON (self->record)) > 0)
    g_signal_emit (self, signals[OPEN_RECORD], 0, kith_person_get_company_id (KITH_PERSON (self->record)));
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_autoptr(GAppLaunchContext) context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));

  g_app_info_launch_default_for_uri_async (g_variant_get_string (parameter, NULL), context, NULL, NULL, NULL);
}

/* Merge: pick the other record among likely duplicates, choose which one stays */

typedef struct {
  KithProfilePage *self;
  KithStore       *store;
  gint64           survivor;
  gint64           other;
  gint64           shown;     /* the record shown before: Undo goes back to it */
} Merge;

static void
on_merged_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree Merge *merge = user_data;
  g_autoptr(KithProfilePage) self = merge->self;
  g_autoptr(KithStore) store = merge->store;
  g_autoptr(GError) error = NULL;
  gint64 undo_id = kith_store_merge_records_finish (KITH_STORE (source), result, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (undo_id == 0)
    {
      toast_text (self, error->message);
      return;
    }

  offer_undo (self, store, _("Merged"), undo_id, merge->shown);
  g_signal_emit (self, signals[OPEN_RECORD], 0, merge->survivor);
}

static void
on_merge_chosen_cb (KithMergeDialog *dialog,
                    gint64           other,
                    gboolean         keep_other,
                    KithProfilePage *self)
{
  Merge *merge;

  if (self->store == NULL)
    return;

  merge = g_new0 (Merge, 1);
  merge->self = g_object_ref (self);
  merge->store = g_object_ref (self->store);
  merge->survivor = keep_other ? other : self->record_id;
  merge->other = keep_other ? self->record_id : other;
  merge->shown = self->record_id;
  kith_store_merge_records_async (self->store, merge->survivor, merge->other, NULL, on_merged_cb, merge);
}

static void
on_candidates_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KithProfilePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = kith_store_find_merge_candidates_finish (KITH_STORE (source), result, &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_text (self, error->message);
      return;
    }
  if (rows->len == 0)
    {
      toast_text (self, _("No other record with the same name, phone number or handle to merge with"));
      return;
    }

  dialog = kith_merge_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, rows);
  g_signal_connect_object (dialog, "merge", G_CALLBACK (on_merge_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (widget);

  /* Candidates are likely duplicates: the same full name, or a shared phone or handle */
  kith_store_find_merge_candidates_async (self->store, self->record_id, self->cancellable, on_candidates_cb,
                                          g_object_ref (self));
}

/* A stage or step changed shows in the timeline's audit entries */
static void
on_editor_changed_cb (KithProfilePage *self)
{
  kith_timeline_view_set_record (self->timeline, self->store, self->record_id);
}

/* The class */

static void
kith_profile_page_dispose (GObject *object)
{
  KithProfilePage *self = (KithProfilePage *)object;

  g_cancellable_cancel (self->cancellable);
  unbind_all (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_PROFILE_PAGE);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (kith_profile_page_parent_class)->dispose (object);
}

static void
kith_profile_page_finalize (GObject *object)
{
  KithProfilePage *self = (KithProfilePage *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->record);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  for (guint i = 0; i < N_LISTS; i++)
    g_clear_object (&self->lists[i].add);

  G_OBJECT_CLASS (kith_profile_page_parent_class)->finalize (object);
}

static void
kith_profile_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_profile_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KithProfilePage *self = KITH_PROFILE_PAGE (object);
  KithRecord *record;

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_RECORD:
      record = g_value_get_object (value);
      self->record_id = record != NULL ? kith_record_get_id (record) : 0;
      show_record (self, record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_profile_page_class_init (KithProfilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_profile_page_dispose;
  object_class->finalize = kith_profile_page_finalize;
  object_class->get_property = kith_profile_page_get_property;
  object_class->set_property = kith_profile_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  /**
   * KithProfilePage:record:
   *
   * The record shown, a #KithPerson, #KithCompany or #KithDeal, or %NULL.
   */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, KITH_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithProfilePage::open-record:
   * @id: a record to show instead (a company, a restored record)
   */
  signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (KITH_TYPE_RECORD);
  g_type_ensure (KITH_TYPE_RELATIONSHIP_EDITOR);
  g_type_ensure (KITH_TYPE_TIMELINE_VIEW);
  g_type_ensure (KITH_TYPE_FILES_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-profile-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, box);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, stack);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, content);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, avatar);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, headline_label);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, company_button);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, details_group);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, main_list);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, more_list);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, social_list);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, domains_list);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, emails_list);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, phones_list);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, urls_list);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, addresses_list);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, links_list);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, relationship);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, timeline);
  gtk_widget_class_bind_template_child (widget_class, KithProfilePage, files);
  gtk_widget_class_bind_template_callback (widget_class, on_field_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_changed_cb);

  gtk_widget_class_install_action (widget_class, "profile.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "profile.private", NULL, private_action);
  gtk_widget_class_install_action (widget_class, "profile.add-todo", NULL, add_todo_action);
  gtk_widget_class_install_action (widget_class, "profile.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "profile.open-company", NULL, open_company_action);
  gtk_widget_class_install_action (widget_class, "profile.open-uri", "s", open_uri_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK, "profile.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "profile.add-todo", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
init_list (KithProfilePage *self,
           KithRecordList   which,
           GtkListBox      *box,
           const char      *title,
           const char      *add_title)
{
  EntryList *list = &self->lists[which];

  list->self = self;
  list->which = which;
  list->box = box;
  list->title = title;
  list->add_title = add_title;
  list->add = add_title != NULL ? kith_record_entry_new (NULL, NULL) : NULL;
}

static void
kith_profile_page_init (KithProfilePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  /* A row is kept while its title waits to come back: a list's row may go meanwhile */
  self->titles = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  init_list (self, KITH_RECORD_EMAILS, self->emails_list, _("Email"), _("Add Email"));
  init_list (self, KITH_RECORD_PHONES, self->phones_list, _("Phone"), _("Add Phone"));
  init_list (self, KITH_RECORD_URLS, self->urls_list, _("Web Page"), _("Add Web Page"));
  init_list (self, KITH_RECORD_DOMAINS, self->domains_list, _("Domain"), _("Add Domain"));
  init_list (self, KITH_RECORD_ADDRESSES, self->addresses_list, _("Address"), NULL);
  init_list (self, KITH_RECORD_APP_LINKS, self->links_list, _("App link"), NULL);

  /* A drop anywhere on the profile attaches files */
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (kith_files_group_create_drop_target (self->files)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.delete", FALSE);
}

GtkWidget *
kith_profile_page_new (KithStore *store)
{
  return g_object_new (KITH_TYPE_PROFILE_PAGE, "store", store, NULL);
}

/**
 * kith_profile_page_set_record:
 * @record_id: the record to show, or 0 for none
 *
 * Loads record @record_id and shows it; when it is the record shown, loads it again into the
 * record shown, which keeps the changes not yet saved.
 */
void
kith_profile_page_set_record (KithProfilePage *self,
                              KithStore       *store,
                              gint64           record_id)
{
  g_return_if_fail (KITH_IS_PROFILE_PAGE (self));

  if (self->store != store)
    {
      g_set_object (&self->store, store);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.delete", record_id != 0);

  /* A read for another record is no longer wanted */
  if (record_id != self->record_id)
    {
      g_cancellable_cancel (self->cancellable);
      g_set_object (&self->cancellable, g_cancellable_new ());
    }
  self->record_id = record_id;

  if (record_id == 0)
    {
      show_record (self, NULL);
      return;
    }

  reload (self);
  kith_timeline_view_set_record (self->timeline, store, record_id);
  kith_files_group_set_record (self->files, store, record_id);
}

gint64
kith_profile_page_get_record_id (KithProfilePage *self)
{
  g_return_val_if_fail (KITH_IS_PROFILE_PAGE (self), 0);

  return self->record_id;
}

/**
 * kith_profile_page_get_record:
 *
 * Returns: (transfer none) (nullable): the record shown
 */
KithRecord *
kith_profile_page_get_record (KithProfilePage *self)
{
  g_return_val_if_fail (KITH_IS_PROFILE_PAGE (self), NULL);

  return self->record;
}

void
kith_profile_page_set_show_back (KithProfilePage *self,
                                 gboolean         show)
{
  g_return_if_fail (KITH_IS_PROFILE_PAGE (self));

  gtk_widget_set_visible (self->back_button, show);
}

KithRelationshipEditor *
kith_profile_page_get_relationship (KithProfilePage *self)
{
  return self->relationship;
}

KithTimelineView *
kith_profile_page_get_timeline (KithProfilePage *self)
{
  return self->timeline;
}

KithFilesGroup *
kith_profile_page_get_files (KithProfilePage *self)
{
  return self->files;
}
