/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMailMergeDialog: from what the user chose (records, a list or a view, or a query typed
 * here) to a started mail merge (docs/merge.md). Step one: who (the people resolved, or the
 * query's error), the template (its parse error blocks it) and the From address. Next makes the
 * merge as a draft; step two reviews it: the counts by reason of exclusion, every recipient
 * with their merged subject and body, paged (KithMailMergeRecipients), a check to leave anyone
 * out by hand, and the limits with when the merge finishes. Start runs it and opens the Mail
 * Merges page. Closed before Start, the draft is deleted: a write, done even as the dialog goes.
 */

#define G_LOG_DOMAIN "KithMailMerge"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-application.h"
#include "kith-from-list.h"
#include "kith-mail-account.h"
#include "kith-mail-merge-async.h"
#include "kith-mail-merge-dialog.h"
#include "kith-mail-merge-recipient-row.h"
#include "kith-mail-merge-recipients.h"
#include "kith-mail-merge-run.h"
#include "kith-template-store.h"
#include "kith-templates.h"

/* Milliseconds after the last key in the query before it is looked up */
#define QUERY_DELAY_MS 300

struct _KithMailMergeDialog
{
  AdwWindow                parent_instance;

  GtkWidget               *back_button;
  GtkWidget               *next_button;
  GtkWidget               *start_button;
  GtkRevealer             *problem_revealer;
  GtkLabel                *problem_label;
  GtkStack                *stack;
  GtkEntry                *query_entry;
  GtkLabel                *recipients_label;
  GtkEditable             *template_search;
  GtkListBox              *template_list;
  GtkLabel                *template_label;
  GtkDropDown             *from_dropdown;
  KithFromList            *from_list;     /* the accounts' addresses (KithFromAddress) */
  GtkWidget               *from_label;
  GtkLabel                *count_pending;
  GtkLabel                *count_no_email;
  GtkLabel                *count_empty_field;
  AdwActionRow            *empty_field_row;
  GtkLabel                *count_do_not_email;
  GtkLabel                *count_duplicate;
  GtkLabel                *count_by_hand;
  GtkSpinButton           *cap_spin;
  GtkSpinButton           *rate_spin;
  GtkEditable             *start_entry;
  GtkLabel                *finish_label;
  GtkListView             *recipients_view;
  GtkSpinner              *spinner;

  KithStore               *store;
  GListModel              *accounts;      /* KithMailAccount */
  GArray                  *record_ids;    /* what was chosen, or NULL for a query */
  GtkStringFilter         *template_filter;
  GtkFilterListModel      *templates;     /* KithTemplate, as searched */
  GArray                  *people;        /* resolved; NULL until then or on an error */
  KithTemplate            *template;      /* chosen */
  gboolean                 template_ok;   /* it parses */
  gint64                   merge_id;      /* the draft, once made */
  KithMailMergeRecipients *recipients;
  GCancellable            *cancellable;   /* the reads: cancelled as the dialog goes */
  GCancellable            *resolving;     /* the people of the query typed last */
  GCancellable            *checking;      /* the template chosen last */
  guint                    resolve_id;
  gboolean                 busy;          /* a merge is being made or started */
  gboolean                 started;
  gboolean                 closed;
  gboolean                 filling;       /* the limits are being shown: no change of the user's */
};

G_DEFINE_FINAL_TYPE (KithMailMergeDialog, kith_mail_merge_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACCOUNTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_problem (KithMailMergeDialog *self,
              const char          *message)
{
  if (self->closed)
    return;
  if (message != NULL)
    gtk_label_set_text (self->problem_label, message);
  gtk_revealer_set_reveal_child (self->problem_revealer, message != NULL);
}

static KithFromAddress *
selected_sender (KithMailMergeDialog *self)
{
  return gtk_drop_down_get_selected_item (self->from_dropdown);
}

static void
update_next (KithMailMergeDialog *self)
{
  gboolean ready;

  if (self->closed)
    return;
  ready = self->people != NULL && self->people->len > 0 && self->template != NULL &&
                   self->template_ok && selected_sender (self) != NULL && !self->busy;

  gtk_widget_set_sensitive (self->next_button, ready);
}

static void
set_label (GtkLabel   *label,
           const char *text,
           gboolean    error)
{
  gtk_label_set_text (label, text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

/* Step one: who */

static void
on_resolved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithMailMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) people = kith_store_mail_merge_resolve_finish (KITH_STORE (source), result, &error);
  g_autofree char *count = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->closed)
    return;
  g_clear_pointer (&self->people, g_array_unref);
  if (people == NULL)
    set_label (self->recipients_label, error->message, TRUE);
  else if (people->len == 0)
    set_label (self->recipients_label, _("No one to send to"), TRUE);
  else
    {
      count = g_strdup_printf (ngettext ("%'u person", "%'u people", people->len), people->len);
      set_label (self->recipients_label, count, FALSE);
    }
  self->people = g_steal_pointer (&people);
  update_next (self);
}

static void
resolve (KithMailMergeDialog *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->query_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (query));

  g_cancellable_cancel (self->resolving);
  g_clear_object (&self->resolving);
  g_clear_pointer (&self->people, g_array_unref);
  update_next (self);
  if (self->record_ids == NULL && stripped[0] == '\0')
    {
      set_label (self->recipients_label, _("Type a query to choose who the merge goes to"), FALSE);
      return;
    }

  self->resolving = g_cancellable_new ();
  kith_store_mail_merge_resolve_async (self->store,
                                       self->record_ids != NULL ? (gint64 *) self->record_ids->data : NULL,
                                       self->record_ids != NULL ? self->record_ids->len : 0,
                                       self->record_ids != NULL ? NULL : query,
                                       self->resolving, on_resolved_cb, g_object_ref (self));
}

static gboolean
resolve_cb (gpointer data)
{
  KithMailMergeDialog *self = data;

  self->resolve_id = 0;
  resolve (self);
  return G_SOURCE_REMOVE;
}

static void
on_query_changed_cb (KithMailMergeDialog *self)
{
  g_clear_handle_id (&self->resolve_id, g_source_remove);
  g_clear_pointer (&self->people, g_array_unref);
  update_next (self);
  self->resolve_id = g_timeout_add (QUERY_DELAY_MS, resolve_cb, self);
}

/* Step one: the template */

static void
on_templates_read_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(KithMailMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) templates = kith_store_templates_list_finish (KITH_STORE (source), result, &error);

  if (self->closed)
    return;
  if (templates == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_label (self->template_label, error->message, TRUE);
      return;
    }
  gtk_filter_list_model_set_model (self->templates, templates);
  if (g_list_model_get_n_items (templates) == 0)
    set_label (self->template_label, _("Add a template in Preferences first"), TRUE);
}

static gpointer
check_template_job (KithStore  *store,
                    gpointer    data,
                    GError    **error)
{
  g_autoptr(KithTemplate) template = kith_store_template_get (store, *(gint64 *) data, error);
  g_autoptr(KithCompiledTemplate) compiled = NULL;

  if (template == NULL)
    return NULL;
  compiled = kith_store_template_compile (store, template, NULL, NULL, error);
  return compiled != NULL ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
on_template_checked_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(KithMailMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = kith_store_run_finish (KITH_STORE (source), result, &error) != NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->closed)
    return;
  self->template_ok = ok;
  set_label (self->template_label, ok ? "" : error->message, !ok);
  update_next (self);
}

/* A template with an account of its own sends from it, as the composer's does */
static void
choose_template_sender (KithMailMergeDialog *self,
                        KithTemplate        *template)
{
  const char *account = kith_template_get_account (template);

  guint position = kith_from_list_find (self->from_list, account, NULL);

  if (position != G_MAXUINT)
    gtk_drop_down_set_selected (self->from_dropdown, position);
}

static void
on_template_selected_cb (KithMailMergeDialog *self,
                         GtkListBoxRow       *row)
{
  g_autoptr(KithTemplate) template = row != NULL ? g_list_model_get_item (G_LIST_MODEL (self->templates),
                                                                          gtk_list_box_row_get_index (row)) : NULL;

  g_cancellable_cancel (self->checking);
  g_clear_object (&self->checking);
  g_set_object (&self->template, template);
  self->template_ok = FALSE;
  update_next (self);
  if (template == NULL)
    return;

  choose_template_sender (self, template);
  self->checking = g_cancellable_new ();
  kith_store_run_async (self->store, check_template_job, g_memdup2 (&(gint64) { kith_template_get_id (template) }, sizeof (gint64)),
                        g_free, NULL, self->checking, on_template_checked_cb, g_object_ref (self));
}

static void
on_template_search_changed_cb (KithMailMergeDialog *self)
{
  gtk_string_filter_set_search (self->template_filter, gtk_editable_get_text (self->template_search));
}

static GtkWidget *
create_template_row (gpointer item,
                     gpointer user_data)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kith_template_get_name (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kith_template_get_subject (item));
  return row;
}

/* Step one: From — each account's address and then its aliases, as the composer offers them */

static void
show_senders (KithMailMergeDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->from_list));

  gtk_widget_set_visible (GTK_WIDGET (self->from_dropdown), n > 0);
  gtk_widget_set_visible (self->from_label, n == 0);
  update_next (self);
}

static void
on_accounts_changed_cb (KithMailMergeDialog *self)
{
  kith_from_list_reload (self->from_list);
  show_senders (self);
}

static void
on_from_selected_cb (KithMailMergeDialog *self)
{
  update_next (self);
}

/* Step two: the review */

static void
set_count (GtkLabel *label,
           guint     n)
{
  g_autofree char *text = g_strdup_printf ("%u", n);

  gtk_label_set_text (label, text);
}

static void
show_finish (KithMailMergeDialog    *self,
             const KithMergeSummary *summary)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (summary->finish <= 0)
    {
      gtk_label_set_text (self->finish_label, _("Nothing to send"));
      return;
    }
  when = g_date_time_new_from_unix_local (summary->finish / 1000);
  /* Translators: when a mail merge sends its last message, e.g. "Thursday 3 December, 09:40" */
  date = g_date_time_format (when, _("%A %-d %B %Y, %H:%M"));
  /* Translators: %s is a date and time */
  text = g_strdup_printf (_("Finishes %s"), date);
  gtk_label_set_text (self->finish_label, text);
}

static void
on_empty_fields_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(KithMailMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = kith_store_mail_merge_empty_fields_finish (KITH_STORE (source), result, &error);
  g_autofree char *names = NULL;

  if (self->closed || fields == NULL)
    return;
  names = g_strjoinv (", ", fields);
  adw_action_row_set_subtitle (self->empty_field_row, names);
}

/* The count of those left out for an empty field, and which fields */
static void
show_empty_fields (KithMailMergeDialog *self,
                   guint                n)
{
  set_count (self->count_empty_field, n);
  if (n == 0)
    {
      adw_action_row_set_subtitle (self->empty_field_row, "");
      return;
    }
  kith_store_mail_merge_empty_fields_async (self->store, self->merge_id, self->cancellable, on_empty_fields_cb,
                                            g_object_ref (self));
}

static void
show_summary (KithMailMergeDialog    *self,
              const KithMergeSummary *summary)
{
  set_count (self->count_pending, summary->by_state[KITH_MERGE_RECIPIENT_PENDING]);
  set_count (self->count_no_email, summary->by_exclusion[KITH_MERGE_EXCLUSION_NO_EMAIL]);
  show_empty_fields (self, summary->by_exclusion[KITH_MERGE_EXCLUSION_EMPTY_FIELD]);
  set_count (self->count_do_not_email, summary->by_exclusion[KITH_MERGE_EXCLUSION_DO_NOT_EMAIL]);
  set_count (self->count_duplicate, summary->by_exclusion[KITH_MERGE_EXCLUSION_DUPLICATE]);
  set_count (self->count_by_hand, summary->by_exclusion[KITH_MERGE_EXCLUSION_BY_HAND]);
  show_finish (self, summary);
  gtk_widget_set_sensitive (self->start_button, !self->busy && summary->by_state[KITH_MERGE_RECIPIENT_PENDING] > 0);
}

static void
show_limits (KithMailMergeDialog    *self,
             const KithMergeLimits  *limits)
{
  self->filling = TRUE;
  gtk_spin_button_set_value (self->cap_spin, limits->daily_cap);
  gtk_spin_button_set_value (self->rate_spin, limits->per_minute);
  gtk_editable_set_text (self->start_entry, "");
  self->filling = FALSE;
}

/* The first summary of a new draft: the list of its recipients, the limits, the review */
static void
begin_review (KithMailMergeDialog    *self,
              const KithMergeSummary *summary)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_clear_object (&self->recipients);
  self->recipients = kith_mail_merge_recipients_new (self->store, self->merge_id, summary->total);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->recipients)));
  gtk_list_view_set_model (self->recipients_view, GTK_SELECTION_MODEL (selection));
  show_limits (self, &summary->limits);
  gtk_stack_set_visible_child_name (self->stack, "review");
  gtk_widget_set_visible (self->next_button, FALSE);
  gtk_widget_set_visible (self->back_button, TRUE);
  gtk_widget_set_visible (self->start_button, TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->start_button);
  gtk_widget_grab_focus (self->start_button);
}

static void
on_summary_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithMailMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMergeSummary) summary = kith_store_mail_merge_get_summary_finish (KITH_STORE (source), result, &error);

  if (self->closed)
    return;
  if (summary == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_problem (self, error->message);
      return;
    }
  if (self->recipients == NULL)
    begin_review (self, summary);
  show_summary (self, summary);
}

static void
read_summary (KithMailMergeDialog *self)
{
  kith_store_mail_merge_get_summary_async (self->store, self->merge_id, self->cancellable, on_summary_cb,
                                           g_object_ref (self));
}

static void
set_busy (KithMailMergeDialog *self,
          gboolean             busy)
{
  self->busy = busy;
  if (self->closed)
    return;
  update_next (self);
  gtk_widget_set_sensitive (self->start_button, !busy);
  gtk_widget_set_sensitive (self->back_button, !busy);
}

static void
on_deleted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!kith_store_mail_merge_delete_finish (KITH_STORE (source), result, &error))
    g_warning ("Could not delete the mail merge under review: %s", error->message);
}

/* Forgets the draft under review; a write, so the store is told even as the dialog goes */
static void
delete_draft (KithMailMergeDialog *self)
{
  if (self->merge_id == 0 || self->started)
    return;
  kith_store_mail_merge_delete_async (self->store, self->merge_id, on_deleted_cb, NULL);
  self->merge_id = 0;
}

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithMailMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_mail_merge_create_finish (KITH_STORE (source), result, &error);

  set_busy (self, FALSE);
  if (id == 0)
    {
      show_problem (self, error->message);
      return;
    }
  self->merge_id = id;
  if (self->closed)
    {
      delete_draft (self);
      return;
    }
  read_summary (self);
}

static void
on_next_clicked_cb (KithMailMergeDialog *self)
{
  KithFromAddress *sender = selected_sender (self);
  KithMergeLimits limits = { 0 };

  if (!gtk_widget_get_sensitive (self->next_button) || sender == NULL)
    return;

  show_problem (self, NULL);
  kith_mail_merge_default_limits (kith_from_address_get_smtp_host (sender), kith_from_address_get_address (sender),
                                  &limits);
  set_busy (self, TRUE);
  kith_store_mail_merge_create_async (self->store, kith_template_get_id (self->template),
                                      kith_from_address_get_account (sender), kith_from_address_get_address (sender),
                                      kith_from_address_get_name (sender), self->people, &limits, on_created_cb,
                                      g_object_ref (self));
}

static void
on_back_clicked_cb (KithMailMergeDialog *self)
{
  delete_draft (self);
  gtk_list_view_set_model (self->recipients_view, NULL);
  g_clear_object (&self->recipients);
  show_problem (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "choose");
  gtk_widget_set_visible (self->back_button, FALSE);
  gtk_widget_set_visible (self->start_button, FALSE);
  gtk_widget_set_visible (self->next_button, TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->next_button);
}

/* Step two: the limits */

/* The start typed as "2026-12-24 09:00" in local time (ms); 0 for now (nothing typed), -1 when
 * it does not read */
static gint64
parse_start (const char *text)
{
  int year, month, day, hour = 0, minute = 0;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (stripped[0] == '\0')
    return 0;
  if (sscanf (stripped, "%d-%d-%d %d:%d", &year, &month, &day, &hour, &minute) < 3)
    return -1;
  when = g_date_time_new_local (year, month, day, hour, minute, 0);
  return when != NULL ? g_date_time_to_unix (when) * 1000 : -1;
}

static void
on_limits_set_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KithMailMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_store_mail_merge_set_limits_finish (KITH_STORE (source), result, &error))
    show_problem (self, error->message);
  else if (!self->closed)
    read_summary (self);
}

static void
on_limits_changed_cb (KithMailMergeDialog *self)
{
  KithMergeLimits limits = { 0 };

  if (self->filling || self->merge_id == 0)
    return;

  limits.daily_cap = gtk_spin_button_get_value_as_int (self->cap_spin);
  limits.per_minute = gtk_spin_button_get_value_as_int (self->rate_spin);
  limits.start = parse_start (gtk_editable_get_text (self->start_entry));
  if (limits.start < 0)
    {
      gtk_label_set_text (self->finish_label, _("Type the start as a date and time, e.g. 2026-12-24 09:00"));
      return;
    }
  kith_store_mail_merge_set_limits_async (self->store, self->merge_id, &limits, on_limits_set_cb,
                                          g_object_ref (self));
}

/* Step two: leaving someone out by hand (merge.set-excluded, from a row's check) */

typedef struct {
  KithMailMergeDialog *self;
  guint                position;
} Exclusion;

static void
on_excluded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Exclusion *exclusion = user_data;
  g_autoptr(KithMailMergeDialog) self = exclusion->self;
  g_autoptr(GError) error = NULL;

  if (!kith_store_mail_merge_set_excluded_finish (KITH_STORE (source), result, &error))
    show_problem (self, error->message);
  /* Either way the row shows what is stored */
  if (self->recipients != NULL && !self->closed)
    {
      kith_mail_merge_recipients_reload (self->recipients, exclusion->position);
      read_summary (self);
    }
  g_free (exclusion);
}

static void
set_excluded_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KithMailMergeDialog *self = KITH_MAIL_MERGE_DIALOG (widget);
  Exclusion *exclusion = g_new0 (Exclusion, 1);
  gboolean excluded;

  g_variant_get (parameter, "(ub)", &exclusion->position, &excluded);
  exclusion->self = g_object_ref (self);
  kith_store_mail_merge_set_excluded_async (self->store, self->merge_id, exclusion->position, excluded,
                                            on_excluded_cb, exclusion);
}

/* Step three: Start */

static gpointer
start_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  return kith_store_mail_merge_start (store, *(gint64 *) data, error) >= 0 ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
on_started_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithMailMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gboolean started = kith_store_run_finish (KITH_STORE (source), result, &error) != NULL;

  set_busy (self, FALSE);
  if (self->closed)
    return;
  gtk_spinner_stop (self->spinner);
  if (!started)
    {
      gtk_stack_set_visible_child_name (self->stack, "review");
      show_problem (self, error->message);
      return;
    }

  self->started = TRUE;
  /* The Mail Merges page shows its progress, where the window has one */
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.go", "s", "merges");
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_start_clicked_cb (KithMailMergeDialog *self)
{
  if (self->merge_id == 0 || self->busy)
    return;

  show_problem (self, NULL);
  set_busy (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "starting");
  gtk_spinner_start (self->spinner);
  kith_store_run_async (self->store, start_job, g_memdup2 (&self->merge_id, sizeof self->merge_id), g_free, NULL,
                        NULL, on_started_cb, g_object_ref (self));
}

static gboolean
on_close_request_cb (KithMailMergeDialog *self)
{
  /* A merge being started is the user's to see through */
  if (self->busy && self->merge_id != 0)
    return TRUE;

  /* Gone without being closed (the app quitting, its window destroyed): a draft not being
   * started goes with it, as on close */
  if (!self->busy && self->store != NULL)
    delete_draft (self);
  self->closed = TRUE;
  g_clear_handle_id (&self->resolve_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->resolving);
  g_cancellable_cancel (self->checking);
  delete_draft (self);
  return FALSE;
}

static void
kith_mail_merge_dialog_constructed (GObject *object)
{
  KithMailMergeDialog *self = KITH_MAIL_MERGE_DIALOG (object);

  G_OBJECT_CLASS (kith_mail_merge_dialog_parent_class)->constructed (object);

  kith_from_list_set_accounts (self->from_list, self->accounts);
  g_signal_connect_object (self->accounts, "items-changed", G_CALLBACK (on_accounts_changed_cb), self,
                           G_CONNECT_SWAPPED);
  show_senders (self);
  kith_store_templates_list_async (self->store, self->cancellable, on_templates_read_cb, g_object_ref (self));
}

static void
kith_mail_merge_dialog_dispose (GObject *object)
{
  KithMailMergeDialog *self = KITH_MAIL_MERGE_DIALOG (object);

  /* Gone without being closed (the app quitting, its window destroyed): a draft not being
   * started goes with it, as on close */
  if (!self->busy && self->store != NULL)
    delete_draft (self);
  self->closed = TRUE;
  g_clear_handle_id (&self->resolve_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->accounts != NULL)
    g_signal_handlers_disconnect_by_data (self->accounts, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_MAIL_MERGE_DIALOG);
  g_clear_object (&self->recipients);
  g_clear_object (&self->templates);

  G_OBJECT_CLASS (kith_mail_merge_dialog_parent_class)->dispose (object);
}

static void
kith_mail_merge_dialog_finalize (GObject *object)
{
  KithMailMergeDialog *self = KITH_MAIL_MERGE_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->accounts);
  g_clear_object (&self->template);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->resolving);
  g_clear_object (&self->checking);
  g_clear_pointer (&self->record_ids, g_array_unref);
  g_clear_pointer (&self->people, g_array_unref);

  G_OBJECT_CLASS (kith_mail_merge_dialog_parent_class)->finalize (object);
}

static void
kith_mail_merge_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KithMailMergeDialog *self = KITH_MAIL_MERGE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_mail_merge_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KithMailMergeDialog *self = KITH_MAIL_MERGE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ACCOUNTS:
      self->accounts = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_children (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, query_entry);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, recipients_label);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, template_search);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, template_list);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, template_label);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, from_list);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, from_label);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, count_pending);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, count_no_email);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, count_empty_field);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, empty_field_row);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, count_do_not_email);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, count_duplicate);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, count_by_hand);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, cap_spin);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, rate_spin);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, start_entry);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, finish_label);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, recipients_view);
  gtk_widget_class_bind_template_child (widget_class, KithMailMergeDialog, spinner);
}

static void
bind_callbacks (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_close_request_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_query_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_template_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_template_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_from_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_limits_changed_cb);
}

static void
kith_mail_merge_dialog_class_init (KithMailMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kith_mail_merge_dialog_constructed;
  object_class->dispose = kith_mail_merge_dialog_dispose;
  object_class->finalize = kith_mail_merge_dialog_finalize;
  object_class->get_property = kith_mail_merge_dialog_get_property;
  object_class->set_property = kith_mail_merge_dialog_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE, flags);
  properties[PROP_ACCOUNTS] = g_param_spec_object ("accounts", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_FROM_ADDRESS);
  g_type_ensure (KITH_TYPE_FROM_LIST);
  g_type_ensure (KITH_TYPE_MAIL_MERGE_RECIPIENT_ROW);
  g_type_ensure (KITH_TYPE_MAIL_MERGE_SLOT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/merge/kith-mail-merge-dialog.ui");
  bind_children (widget_class);
  bind_callbacks (widget_class);

  gtk_widget_class_install_action (widget_class, "merge.set-excluded", "(ub)", set_excluded_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kith_mail_merge_dialog_init (KithMailMergeDialog *self)
{
  GtkExpression *name = gtk_property_expression_new (KITH_TYPE_TEMPLATE, NULL, "name");

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->template_filter = gtk_string_filter_new (name);
  self->templates = gtk_filter_list_model_new (NULL, GTK_FILTER (self->template_filter));
  gtk_list_box_bind_model (self->template_list, G_LIST_MODEL (self->templates), create_template_row, NULL, NULL);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->next_button);
}

/**
 * kith_mail_merge_dialog_new:
 * @accounts: the mail accounts (#KithMailAccount) to send from
 * @record_ids: (array length=n_ids) (nullable): people, companies and deals chosen
 * @query: (nullable): without @record_ids, a query to start from (a saved view's); the user
 *   can change it
 *
 * Returns: (transfer floating): a new dialog, modal over @parent
 */
GtkWidget *
kith_mail_merge_dialog_new (GtkWindow    *parent,
                            KithStore    *store,
                            GListModel   *accounts,
                            const gint64 *record_ids,
                            guint         n_ids,
                            const char   *query)
{
  KithMailMergeDialog *self;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (accounts), NULL);

  self = g_object_new (KITH_TYPE_MAIL_MERGE_DIALOG, "transient-for", parent, "store", store,
                       "accounts", accounts, NULL);
  if (record_ids != NULL)
    {
      self->record_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
      g_array_append_vals (self->record_ids, record_ids, n_ids);
      gtk_widget_set_visible (GTK_WIDGET (self->query_entry), FALSE);
      resolve (self);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->query_entry), query != NULL ? query : "");
      g_clear_handle_id (&self->resolve_id, g_source_remove);
      resolve (self);
    }

  return GTK_WIDGET (self);
}

/**
 * kith_mail_merge_dialog_open:
 * @widget: where the user asked for it; the dialog is modal over its window, with the
 *   application's mail accounts
 *
 * Opens the dialog for @record_ids or @query (kith_mail_merge_dialog_new()).
 */
void
kith_mail_merge_dialog_open (GtkWidget    *widget,
                             KithStore    *store,
                             const gint64 *record_ids,
                             guint         n_ids,
                             const char   *query)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  GListModel *accounts = KITH_IS_APPLICATION (app) ? kith_application_get_mail_accounts (KITH_APPLICATION (app)) : NULL;
  g_autoptr(GListStore) none = g_list_store_new (KITH_TYPE_MAIL_ACCOUNT);
  GtkWidget *dialog = kith_mail_merge_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, store,
                                                  accounts != NULL ? accounts : G_LIST_MODEL (none),
                                                  record_ids, n_ids, query);

  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * kith_mail_merge_dialog_new_action:
 *
 * The window's win.new-mail-merge: the dialog with an empty query.
 */
void
kith_mail_merge_dialog_new_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  g_autoptr(KithStore) store = NULL;

  g_object_get (widget, "store", &store, NULL);
  kith_mail_merge_dialog_open (widget, store, NULL, 0, NULL);
}
