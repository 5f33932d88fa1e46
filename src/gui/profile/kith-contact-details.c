/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithContactDetails"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"

#include "compose/kith-draft-open.h"
#include "kith-contact-details.h"
#include "kith-contact-details-entry-row.h"
#include "kith-field-refusal.h"
#include "kith-money.h"
#include "kith-record-save.h"

/*
 * The Contact (a deal's Overview) part of a profile: a record's fields edited in place and its
 * repeated details. The fields are rows of the template named after the record property they
 * edit, bound to it (a row whose property the record's class lacks is hidden): entry rows for
 * text, a combo row for a deal's forecast, switches for private and (a person's) do not email,
 * a text view for the notes; emails, phones, faxes and the like are list boxes bound to the
 * record's lists of KithRecordEntry (rows of their own templates), each with a row that adds
 * one; an email's, phone's or fax's row has a menu of its label. Every change is saved at once (the
 * notes when the keyboard leaves them, or on Ctrl+Enter); a value the store refuses stays as
 * typed, the field marked and the reason in full under its list (kith-field-refusal.c).
 */

/* One list box of repeated details: the record's entries, then a row that adds one */
typedef struct {
  KithContactDetails *self;
  KithRecordList      which;
  GtkListBox         *box;
  const char         *title;
  const char         *add_title;     /* the title of the row that adds one */
  GMenuModel         *labels;        /* the labels an entry can have; NULL: none */
  KithContactDetailsContact contact; /* Write Email, Call */
  KithRecordEntry    *add;           /* the item of the row that adds one */
} EntryList;

#define N_LISTS (KITH_RECORD_DOMAINS + 1)

struct _KithContactDetails
{
  AdwBin        parent_instance;

  GtkListBox   *main_list;
  GtkListBox   *more_list;
  GtkListBox   *social_list;
  GtkListBox   *notes_list;
  GtkWidget    *notes_row;
  GtkTextView  *notes_view;
  GtkWidget    *private_switch;
  GtkWidget    *do_not_email_switch;
  GtkListBox   *domains_list;
  GtkListBox   *emails_list;
  GtkListBox   *phones_list;
  GtkListBox   *faxes_list;
  GtkListBox   *urls_list;
  GMenuModel   *email_labels;
  GMenuModel   *phone_labels;

  EntryList     lists[N_LISTS];
  GPtrArray    *bindings;     /* of the record's properties to the rows */
  GHashTable   *refusals;     /* the rows refused (kith-field-refusal.c) */

  KithStore    *store;
  KithRecord   *record;
  GCancellable *cancellable;  /* cancelled on dispose; writes get none */
};

G_DEFINE_FINAL_TYPE (KithContactDetails, kith_contact_details, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast_text (KithContactDetails *self,
            const char         *text)
{
  kith_widget_add_toast (GTK_WIDGET (self), adw_toast_new (text));
}

/* Another record: no refusal stands */
static void
clear_refusals (KithContactDetails *self)
{
  kith_field_refusal_clear (self->refusals, self->main_list);
  kith_field_refusal_clear (self->refusals, self->more_list);
  kith_field_refusal_clear (self->refusals, self->social_list);
  kith_field_refusal_clear (self->refusals, self->notes_list);
  for (guint i = 0; i < N_LISTS; i++)
    kith_field_refusal_clear (self->refusals, self->lists[i].box);
}

/* Puts back in @row what was typed there: the record went back to what the store has */
static void
show_typed (KithContactDetails *self,
            GtkWidget          *row,
            const char         *text)
{
  if (GTK_IS_EDITABLE (row))
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  else if (row == self->notes_row)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), text, -1);
}

/* Saving the changed record */

static void
on_saved (gpointer      owner,
          KithRecord   *record,
          const GError *error,
          gpointer      where,
          const char   *text)
{
  KithContactDetails *self = owner;
  GtkWidget *row = where;

  if (error == NULL)
    {
      if (row != NULL)
        kith_field_refusal_set (self->refusals, row, NULL);
      return;
    }

  /* The field keeps what was typed and says what is wrong with it */
  if (record != self->record)
    return;
  if (row != NULL)
    {
      show_typed (self, row, text);
      kith_field_refusal_set (self->refusals, row, error->message);
    }
  else
    toast_text (self, error->message);
}

/* Writes what changed in the record; a refusal shows at @row, or in a toast without one */
static void
save (KithContactDetails *self,
      GtkWidget          *row,
      const char         *text)
{
  kith_record_save (self->store, self->record, self, self->cancellable,
                    row != NULL ? g_object_ref (row) : NULL, g_object_unref, text, on_saved);
}

/* The fields: rows of the template named after the record property they edit */

/* Puts @text in the row (or text buffer) a binding shows it in, unless it has it already:
 * setting the same text again would move the cursor of someone typing there */
static gboolean
set_row_text (GBinding *binding,
              GValue   *to,
              char     *text)
{
  g_autoptr(GObject) row = g_binding_dup_target (binding);
  g_autofree char *shown = NULL;
  gboolean same;

  if (row != NULL)
    g_object_get (row, "text", &shown, NULL);
  same = row != NULL && g_strcmp0 (shown, text) == 0;

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
  /* A deal's value, the one double */
  if (G_VALUE_HOLDS_DOUBLE (from))
    return set_row_text (binding, to, has_value ? kith_money_format (g_value_get_double (from),
                                                                     kith_deal_get_currency (KITH_DEAL (source)))
                                                : g_strdup (""));

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
  /* The one double, a deal's value: an amount as it shows ("$500,000") or as typed */
  else if (!kith_deal_set_value_text (KITH_DEAL (record), text, error))
    return FALSE;

  return TRUE;
}

/* A person's full name as the store makes it from the parts: "First Last" */
static char *
name_of_parts (KithRecord *person)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_object_get (person, "first", &first, "last", &last, NULL);
  return g_strstrip (g_strdup_printf ("%s %s", first != NULL ? first : "", last != NULL ? last : ""));
}

/* Sets @property of the record from @text; a person's full name follows a part changed unless
 * the user wrote a name of their own, one the parts did not make */
static gboolean
set_field (KithContactDetails  *self,
           const char          *property,
           const char          *text,
           GError             **error)
{
  gboolean part = g_str_equal (property, "first") || g_str_equal (property, "last");
  g_autofree char *made = part ? name_of_parts (self->record) : NULL;
  const char *name = kith_record_get_name (self->record);
  gboolean follows = part && (name == NULL || *name == '\0' || g_str_equal (name, made));
  g_autofree char *new_name = NULL;

  if (!set_from_text (self->record, property, text, error))
    return FALSE;
  new_name = follows ? name_of_parts (self->record) : NULL;
  /* A person keeps a name: the parts emptied leave the one it had */
  if (new_name != NULL && *new_name != '\0')
    kith_record_set_name (self->record, new_name);
  return TRUE;
}

static void
on_field_applied_cb (AdwEntryRow     *row,
                     KithContactDetails *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;

  if (self->record == NULL)
    return;

  if (!set_field (self, gtk_widget_get_name (GTK_WIDGET (row)), text, &error))
    {
      kith_field_refusal_set (self->refusals, GTK_WIDGET (row), error->message);
      return;
    }
  save (self, GTK_WIDGET (row), gtk_editable_get_text (GTK_EDITABLE (row)));
}

/* A deal's forecast: the store's values, in the order of the combo row's items */
static const char * const forecast_ids[] = { NULL, "commit", "bestcase" };

static gboolean
forecast_to_selected (GBinding     *binding,
                      const GValue *from,
                      GValue       *to,
                      gpointer      user_data)
{
  const char *id = g_value_get_string (from);

  for (guint i = 1; i < G_N_ELEMENTS (forecast_ids); i++)
    if (id != NULL && g_ascii_strcasecmp (id, forecast_ids[i]) == 0)
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  g_value_set_uint (to, 0);
  return TRUE;
}

static void
on_forecast_selected_cb (AdwComboRow        *row,
                         GParamSpec         *pspec,
                         KithContactDetails *self)
{
  guint selected = adw_combo_row_get_selected (row);
  g_autofree char *forecast = NULL;

  if (self->record == NULL || !KITH_IS_DEAL (self->record) || selected >= G_N_ELEMENTS (forecast_ids))
    return;

  /* The record's own value shown, or the same one chosen again */
  g_object_get (self->record, "forecast", &forecast, NULL);
  if (g_strcmp0 (forecast, forecast_ids[selected]) == 0)
    return;
  g_object_set (self->record, "forecast", forecast_ids[selected], NULL);
  save (self, NULL, NULL);
}

static void
on_private_toggled_cb (GtkSwitch          *toggle,
                       GParamSpec         *pspec,
                       KithContactDetails *self)
{
  gboolean active = gtk_switch_get_active (toggle);

  if (self->record == NULL || kith_record_get_private (self->record) == active)
    return;
  kith_record_set_private (self->record, active);
  save (self, NULL, NULL);
}

static void
on_do_not_email_toggled_cb (GtkSwitch          *toggle,
                            GParamSpec         *pspec,
                            KithContactDetails *self)
{
  gboolean active = gtk_switch_get_active (toggle);
  gboolean stored = FALSE;

  if (self->record == NULL || g_object_class_find_property (G_OBJECT_GET_CLASS (self->record), "do-not-email") == NULL)
    return;
  g_object_get (self->record, "do-not-email", &stored, NULL);
  if (stored == active)
    return;
  g_object_set (self->record, "do-not-email", active, NULL);
  save (self, NULL, NULL);
}

/* The notes: saved when the keyboard leaves them, or on Ctrl+Enter */
static void
save_notes (KithContactDetails *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *text = NULL;
  g_autofree char *notes = NULL;
  GtkTextIter start, end;

  if (self->record == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_object_get (self->record, "notes", &notes, NULL);
  if (g_strcmp0 (notes != NULL ? notes : "", text) == 0)
    return;
  g_object_set (self->record, "notes", text, NULL);
  save (self, self->notes_row, text);
}

static void
on_notes_left_cb (GtkEventControllerFocus *focus,
                  KithContactDetails      *self)
{
  save_notes (self);
}

static void
save_notes_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  save_notes (KITH_CONTACT_DETAILS (widget));
}

/* Binds @row to the record's @property, as the kind of row shows it */
static GBinding *
bind_row (KithContactDetails *self,
          GtkWidget          *row,
          const char         *property)
{
  if (ADW_IS_COMBO_ROW (row))
    return g_object_bind_property_full (self->record, property, row, "selected", G_BINDING_SYNC_CREATE,
                                        forecast_to_selected, NULL, NULL, NULL);
  if (row == self->notes_row)
    return g_object_bind_property_full (self->record, property, gtk_text_view_get_buffer (self->notes_view), "text",
                                        G_BINDING_SYNC_CREATE, text_of_value, NULL, NULL, NULL);
  if (g_str_equal (property, "private"))
    return g_object_bind_property (self->record, property, self->private_switch, "active", G_BINDING_SYNC_CREATE);
  if (g_str_equal (property, "do-not-email"))
    return g_object_bind_property (self->record, property, self->do_not_email_switch, "active", G_BINDING_SYNC_CREATE);
  return g_object_bind_property_full (self->record, property, row, "text", G_BINDING_SYNC_CREATE,
                                      text_of_value, NULL, NULL, NULL);
}

/* Binds the rows of @box to the record's properties of their names; hides those the record
 * lacks, and @box when none is left */
static void
bind_fields (KithContactDetails *self,
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
        g_ptr_array_add (self->bindings, g_object_ref (bind_row (self, row, property)));
    }
  gtk_widget_set_visible (GTK_WIDGET (box), any);
}

/* The repeated details: a row for each entry, made from its template, then the row that adds
 * one (addresses, app links and anniversaries have groups of their own: kith-structured-group.c) */

/* The row that adds an entry: the last of the list */
static void
focus_add_row (EntryList *list)
{
  GtkWidget *last = gtk_widget_get_last_child (GTK_WIDGET (list->box));

  if (last != NULL)
    kith_widget_focus_without_selecting (last, -1);
}

static void
on_entry_edited_cb (KithContactDetailsEntryRow *row,
                    const char                 *text,
                    EntryList                  *list)
{
  KithContactDetails *self = list->self;
  KithRecordEntry *entry = kith_contact_details_entry_row_get_entry (row);
  gboolean removed = *text == '\0';

  if (self->record == NULL)
    return;

  kith_record_set_entry (self->record, list->which, kith_record_entry_get_position (entry), text);
  /* An entry emptied is gone with its row: the keyboard goes to the row that adds one */
  if (removed)
    focus_add_row (list);
  save (self, removed ? NULL : GTK_WIDGET (row), text);
}

static void
on_label_chosen_cb (KithContactDetailsEntryRow *row,
                    const char                 *label,
                    EntryList                  *list)
{
  KithContactDetails *self = list->self;
  KithRecordEntry *entry = kith_contact_details_entry_row_get_entry (row);

  if (self->record == NULL)
    return;

  kith_record_set_entry_label (self->record, list->which, kith_record_entry_get_position (entry), label);
  if (kith_record_has_changes (self->record))
    save (self, NULL, NULL);
}

static void
on_add_edited_cb (KithContactDetailsEntryRow *row,
                  const char                 *text,
                  EntryList                  *list)
{
  KithContactDetails *self = list->self;

  if (self->record == NULL || *text == '\0')
    return;

  /* The new entry shows at once above; the row stays empty for the next one */
  kith_record_set_entry (self->record, list->which, G_MAXUINT, text);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  save (self, GTK_WIDGET (row), text);
}

static GtkWidget *
create_entry_row (gpointer item,
                  gpointer user_data)
{
  EntryList *list = user_data;
  GtkWidget *row;

  if (item == list->add)
    {
      row = kith_contact_details_entry_row_new (item, list->add_title, NULL, KITH_CONTACT_DETAILS_CONTACT_NONE);
      g_signal_connect (row, "edited", G_CALLBACK (on_add_edited_cb), list);
      return row;
    }

  row = kith_contact_details_entry_row_new (item, list->title, list->labels, list->contact);
  g_signal_connect (row, "edited", G_CALLBACK (on_entry_edited_cb), list);
  g_signal_connect (row, "label-chosen", G_CALLBACK (on_label_chosen_cb), list);
  return row;
}

static void
update_list_visibility (KithContactDetails *self)
{
  gboolean deal = KITH_IS_DEAL (self->record);

  gtk_widget_set_visible (GTK_WIDGET (self->lists[KITH_RECORD_DOMAINS].box), KITH_IS_COMPANY (self->record));
  gtk_widget_set_visible (GTK_WIDGET (self->lists[KITH_RECORD_EMAILS].box), !deal);
  gtk_widget_set_visible (GTK_WIDGET (self->lists[KITH_RECORD_PHONES].box), !deal);
  gtk_widget_set_visible (GTK_WIDGET (self->lists[KITH_RECORD_FAXES].box), !deal);
  gtk_widget_set_visible (GTK_WIDGET (self->social_list), !deal);
}

static void
on_entries_changed_cb (EntryList *list)
{
  kith_field_refusal_update (list->self->refusals, list->box);
}

static void
bind_list (KithContactDetails *self,
           EntryList       *list)
{
  GListModel *entries = kith_record_get_list (self->record, list->which);
  g_autoptr(GListStore) parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GListStore) add = g_list_store_new (KITH_TYPE_RECORD_ENTRY);
  g_autoptr(GtkFlattenListModel) model = NULL;

  g_list_store_append (parts, entries);
  g_list_store_append (add, list->add);
  g_list_store_append (parts, add);
  model = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&parts)));
  gtk_list_box_bind_model (list->box, G_LIST_MODEL (model), create_entry_row, list, NULL);
  /* Once the rows follow: a refused entry's row may be gone, and its reason with it. The model
   * lives while the list box shows it, and the list box no longer than self */
  g_signal_connect_data (model, "items-changed", G_CALLBACK (on_entries_changed_cb), list, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
unbind_all (KithContactDetails *self)
{
  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
}

static void
set_record (KithContactDetails *self,
            KithRecord         *record)
{
  /* Notes typed and not yet saved belong to the record shown so far */
  if (record != self->record)
    save_notes (self);
  unbind_all (self);
  clear_refusals (self);
  if (!g_set_object (&self->record, record))
    return;

  if (record != NULL)
    {
      bind_fields (self, self->main_list);
      bind_fields (self, self->more_list);
      bind_fields (self, self->social_list);
      bind_fields (self, self->notes_list);
      /* A deal's contacts are its people, not these fields; "Details" is its custom fields' */
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (adw_bin_get_child (ADW_BIN (self))),
                                       KITH_IS_DEAL (record) ? _("Overview") : _("Contact"));
      for (guint i = 0; i < N_LISTS; i++)
        bind_list (self, &self->lists[i]);
      update_list_visibility (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

static void
kith_contact_details_dispose (GObject *object)
{
  KithContactDetails *self = (KithContactDetails *)object;

  g_cancellable_cancel (self->cancellable);
  unbind_all (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_CONTACT_DETAILS);

  G_OBJECT_CLASS (kith_contact_details_parent_class)->dispose (object);
}

static void
kith_contact_details_finalize (GObject *object)
{
  KithContactDetails *self = (KithContactDetails *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->record);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->refusals, g_hash_table_unref);
  for (guint i = 0; i < N_LISTS; i++)
    g_clear_object (&self->lists[i].add);

  G_OBJECT_CLASS (kith_contact_details_parent_class)->finalize (object);
}

static void
kith_contact_details_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KithContactDetails *self = KITH_CONTACT_DETAILS (object);

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
kith_contact_details_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KithContactDetails *self = KITH_CONTACT_DETAILS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_RECORD:
      set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A new mail to the email, named after the record */
static void
write_email_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KithContactDetails *self = KITH_CONTACT_DETAILS (widget);
  const char *name = self->record != NULL ? kith_record_get_name (self->record) : NULL;
  g_autofree char *address = kith_message_format_address (name, g_variant_get_string (parameter, NULL));
  const char *to[] = { address, NULL };
  g_autoptr(KithOutgoing) draft = kith_draft_new_to (to);

  kith_draft_open (widget, draft);
}

/* The number as a tel: link (RFC 3966), for whichever app calls: spaces are no part of one */
static void
call_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_auto(GStrv) parts = g_strsplit (g_variant_get_string (parameter, NULL), " ", -1);
  g_autofree char *number = g_strjoinv ("", parts);
  g_autofree char *uri = g_strconcat ("tel:", number, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);

  /* GtkUriLauncher from GTK 4.10 on */
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
kith_contact_details_class_init (KithContactDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_contact_details_dispose;
  object_class->finalize = kith_contact_details_finalize;
  object_class->get_property = kith_contact_details_get_property;
  object_class->set_property = kith_contact_details_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, KITH_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-contact-details.ui");
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, main_list);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, more_list);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, social_list);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, notes_list);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, notes_row);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, notes_view);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, private_switch);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, do_not_email_switch);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, domains_list);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, emails_list);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, phones_list);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, faxes_list);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, email_labels);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, phone_labels);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetails, urls_list);
  gtk_widget_class_bind_template_callback (widget_class, on_field_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_forecast_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_private_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_do_not_email_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_notes_left_cb);
  gtk_widget_class_install_action (widget_class, "details.save-notes", NULL, save_notes_action);
  gtk_widget_class_install_action (widget_class, "details.write-email", "s", write_email_action);
  gtk_widget_class_install_action (widget_class, "details.call", "s", call_action);
}

static void
init_list (KithContactDetails *self,
           KithRecordList   which,
           GtkListBox      *box,
           const char      *title,
           const char      *add_title,
           GMenuModel      *labels,
           KithContactDetailsContact contact)
{
  EntryList *list = &self->lists[which];

  list->self = self;
  list->which = which;
  list->box = box;
  list->title = title;
  list->add_title = add_title;
  list->labels = labels;
  list->contact = contact;
  list->add = kith_record_entry_new (NULL, NULL);
}

static void
kith_contact_details_init (KithContactDetails *self)
{
  self->cancellable = g_cancellable_new ();
  self->bindings = g_ptr_array_new_with_free_func (g_object_unref);
  self->refusals = kith_field_refusals_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  init_list (self, KITH_RECORD_EMAILS, self->emails_list, _("Email"), _("Add Email"), self->email_labels,
             KITH_CONTACT_DETAILS_CONTACT_EMAIL);
  init_list (self, KITH_RECORD_PHONES, self->phones_list, _("Phone"), _("Add Phone"), self->phone_labels,
             KITH_CONTACT_DETAILS_CONTACT_PHONE);
  init_list (self, KITH_RECORD_FAXES, self->faxes_list, _("Fax"), _("Add Fax"), self->phone_labels,
             KITH_CONTACT_DETAILS_CONTACT_NONE);
  init_list (self, KITH_RECORD_URLS, self->urls_list, _("Web Page"), _("Add Web Page"), NULL,
             KITH_CONTACT_DETAILS_CONTACT_NONE);
  init_list (self, KITH_RECORD_DOMAINS, self->domains_list, _("Domain"), _("Add Domain"), NULL,
             KITH_CONTACT_DETAILS_CONTACT_NONE);
}

GtkWidget *
kith_contact_details_new (KithStore  *store,
                          KithRecord *record)
{
  return g_object_new (KITH_TYPE_CONTACT_DETAILS, "store", store, "record", record, NULL);
}
