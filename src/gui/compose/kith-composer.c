/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KithComposer: a message written from its first keystroke as a row of the Outbox, in the state
 * draft: saved on the store's worker a few seconds after the last change and when the window
 * closes, queued by Send (which closes the window: the main window offers Undo for as long as
 * the message waits to leave). */

#define G_LOG_DOMAIN "KithComposer"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-address-entry.h"
#include "kith-attachment-list.h"
#include "kith-composer.h"
#include "kith-from-list.h"
#include "kith-mail-account.h"
#include "kith-outbox-store.h"
#include "kith-rich-text.h"
#include "kith-signature-store.h"
#include "kith-step-complete.h"
#include "kith-template-insert.h"
#include "kith-template-picker.h"
#include "kith-window.h"

/* Seconds after the last change before the draft is saved: what a crash can lose */
#define SAVE_DELAY_SECONDS 3

struct _KithComposer
{
  AdwWindow        parent_instance;

  GtkRevealer     *problem_revealer;
  GtkLabel        *problem_label;
  GtkDropDown     *from_dropdown;
  KithFromList    *from_list;      /* the accounts' addresses (KithFromAddress) */
  GtkWidget       *from_missing;   /* says so when there is no account to send from */
  GtkWidget       *to_caption;
  GtkWidget       *cc_caption;
  GtkWidget       *bcc_caption;
  GtkBox          *to_box;
  GtkBox          *cc_box;
  GtkBox          *bcc_box;
  KithAddressEntry *to_entry;
  KithAddressEntry *cc_entry;
  KithAddressEntry *bcc_entry;
  GtkToggleButton *cc_button;
  GtkToggleButton *bcc_button;
  GtkEditable     *subject_entry;
  KithRichText    *body_view;
  KithAttachmentList *attachment_list;
  GtkWidget       *template_picker;
  GtkCheckButton  *step_check;

  KithStore       *store;
  GListModel      *accounts;       /* KithMailAccount */
  KithOutgoing    *draft;          /* what the window holds, as last collected from it */
  GSettings       *settings;
  GCancellable    *signature_read; /* a read: the signatures of the sender chosen last */
  char            *signature;      /* "-- " and the signature this window put in the body */
  gboolean         signing;        /* a new message: signed as its sender changes */
  gint64           step_person;    /* a next step's email: whose step it completes once sent */
  char            *step_key;       /* and which, while the check is on or off */

  guint            save_id;
  guint            undo_delay;     /* seconds the message waits once queued */
  gboolean         loading;        /* filling the fields in: no change of the user's */
  gboolean         saving;         /* a save is on the worker */
  gboolean         dirty;          /* changed since that save was collected */
  gboolean         send_requested; /* Send waits for the save on the worker */
  gboolean         sending;        /* queued, or being queued: nothing more to save */
  gboolean         closed;         /* the widgets are gone: the draft holds the last of them */
  gboolean         discarding;     /* closed with nothing written: no draft to keep */
};

G_DEFINE_FINAL_TYPE (KithComposer, kith_composer, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ACCOUNTS,
  PROP_DRAFT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void save_now (KithComposer *self);
static void discard_draft (KithComposer *self);

static void
show_problem (KithComposer *self,
              const char   *message)
{
  if (message != NULL)
    gtk_label_set_text (self->problem_label, message);
  gtk_revealer_set_reveal_child (self->problem_revealer, message != NULL);
}

static KithFromAddress *
selected_sender (KithComposer *self)
{
  return gtk_drop_down_get_selected_item (self->from_dropdown);
}

/* Brings the draft up to what the window shows */
static void
collect_draft (KithComposer *self)
{
  KithFromAddress *sender = selected_sender (self);
  g_auto(GStrv) to = kith_address_entry_get_addresses (self->to_entry);
  g_auto(GStrv) cc = kith_address_entry_get_addresses (self->cc_entry);
  g_auto(GStrv) bcc = kith_address_entry_get_addresses (self->bcc_entry);
  g_autofree char *text = kith_rich_text_get_text (self->body_view);
  g_autofree char *html = kith_rich_text_get_plain_only (self->body_view) ? NULL
                                                                           : kith_rich_text_get_html (self->body_view);

  /* Before the accounts are read, the draft keeps its sender */
  if (sender != NULL)
    g_object_set (self->draft,
                  "account", kith_from_address_get_account (sender),
                  "from-address", kith_from_address_get_address (sender),
                  "from-name", kith_from_address_get_name (sender),
                  NULL);
  g_object_set (self->draft,
                "to", to, "cc", cc, "bcc", bcc,
                "subject", gtk_editable_get_text (self->subject_entry),
                "body-text", text,
                "body-html", html,
                NULL);
  kith_outgoing_set_completes_step (self->draft, self->step_person,
                                    gtk_check_button_get_active (self->step_check) ? self->step_key : NULL);
  /* A file still being looked at is not listed yet: the draft keeps what it had */
  if (!kith_attachment_list_is_busy (self->attachment_list))
    {
      g_auto(GStrv) paths = kith_attachment_list_dup_paths (self->attachment_list);

      g_object_set (self->draft, "attachments", paths, NULL);
    }
}

static void queue_draft (KithComposer *self);

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KithComposer) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The draft has its id from here on */
  self->saving = FALSE;
  if (kith_store_outgoing_save_finish (KITH_STORE (source), result, &error) == 0 && !self->closed)
    {
      g_autofree char *message = g_strdup_printf (_("The draft could not be saved: %s"), error->message);

      show_problem (self, message);
      if (self->send_requested)
        {
          self->send_requested = self->sending = FALSE;
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send", TRUE);
        }
      return;
    }

  if (self->discarding)
    discard_draft (self);
  else if (self->dirty)
    save_now (self);
  else if (self->send_requested)
    queue_draft (self);
}

/* A write: it completes, and the draft learns its id, even when the window has gone */
static void
save_now (KithComposer *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->sending && !self->send_requested)
    return;
  if (self->saving)
    {
      self->dirty = TRUE;
      return;
    }

  if (!self->closed)
    collect_draft (self);
  self->saving = TRUE;
  self->dirty = FALSE;
  kith_store_outgoing_save_async (self->store, self->draft, on_saved_cb, g_object_ref (self));
}

static gboolean
on_save_timeout_cb (gpointer user_data)
{
  KithComposer *self = user_data;

  self->save_id = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

/* A change of the user's: saved once they pause */
static void
schedule_save (KithComposer *self)
{
  if (self->loading || self->sending)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add_seconds (SAVE_DELAY_SECONDS, on_save_timeout_cb, self);
}

typedef struct {
  KithStore  *store;
  GListModel *accounts;
  GtkWindow  *window;      /* weak: the main window, for the composer opened again */
  gint64      id;
} UndoSend;

static void
undo_send_free (UndoSend *undo)
{
  g_clear_object (&undo->store);
  g_clear_object (&undo->accounts);
  g_clear_weak_pointer (&undo->window);
  g_free (undo);
}

static void
on_unsent_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  UndoSend *undo = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithOutgoing) draft = kith_store_outgoing_get_finish (KITH_STORE (source), result, &error);
  KithComposer *composer;

  if (undo->window == NULL)
    {
      undo_send_free (undo);
      return;
    }
  if (draft == NULL)
    {
      kith_window_add_toast (KITH_WINDOW (undo->window), adw_toast_new (error->message));
      undo_send_free (undo);
      return;
    }

  composer = kith_composer_new (KITH_STORE (source), undo->accounts, draft);
  gtk_window_set_transient_for (GTK_WINDOW (composer), undo->window);
  gtk_window_set_application (GTK_WINDOW (composer), gtk_window_get_application (undo->window));
  gtk_window_present (GTK_WINDOW (composer));
  undo_send_free (undo);
}

static void
on_unqueued_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  UndoSend *undo = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_store_outgoing_unqueue_finish (KITH_STORE (source), result, &error))
    {
      /* Too late: it has started to leave */
      if (undo->window != NULL)
        kith_window_add_toast (KITH_WINDOW (undo->window), adw_toast_new (error->message));
      undo_send_free (undo);
      return;
    }
  kith_store_outgoing_get_async (KITH_STORE (source), undo->id, NULL, on_unsent_read_cb, undo);
}

/* Undo: the message back to a draft, in a composer again. The toast keeps what it needs, as the
 * composer that sent the message has gone. */
static void
on_undo_clicked_cb (AdwToast *toast,
                    UndoSend *undo)
{
  UndoSend *job = g_new0 (UndoSend, 1);

  job->store = g_object_ref (undo->store);
  job->accounts = g_object_ref (undo->accounts);
  g_set_weak_pointer (&job->window, undo->window);
  job->id = undo->id;
  kith_store_outgoing_unqueue_async (undo->store, undo->id, on_unqueued_cb, job);
}

/* "Sending “Subject”…" on the main window, with Undo for as long as the message waits */
static void
announce_sending (KithComposer *self,
                  guint         delay)
{
  GtkWindow *window = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *subject = kith_outgoing_get_subject (self->draft);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!KITH_IS_WINDOW (window))
    return;

  title = g_strdup_printf (_("Sending “%s”…"), subject != NULL && *subject != '\0' ? subject : _("(No subject)"));
  toast = adw_toast_new (title);
  if (delay > 0)
    {
      UndoSend *undo = g_new0 (UndoSend, 1);

      undo->store = g_object_ref (self->store);
      undo->accounts = g_object_ref (self->accounts);
      g_set_weak_pointer (&undo->window, window);
      undo->id = kith_outgoing_get_id (self->draft);
      adw_toast_set_button_label (toast, _("Undo"));
      adw_toast_set_timeout (toast, delay);
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), undo,
                             (GClosureNotify) undo_send_free, 0);
    }
  kith_window_add_toast (KITH_WINDOW (window), toast);
}

static void
on_queued_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithComposer) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_store_outgoing_queue_finish (KITH_STORE (source), result, &error))
    {
      /* Still a draft, and still in the window when it is there */
      self->sending = FALSE;
      if (!self->closed)
        {
          show_problem (self, error->message);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send", TRUE);
          /* What was typed while it was being queued */
          schedule_save (self);
        }
      return;
    }

  announce_sending (self, self->undo_delay);
  if (!self->closed)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* The draft, saved, goes to the Outbox */
static void
queue_draft (KithComposer *self)
{
  self->send_requested = FALSE;
  self->undo_delay = g_settings_get_uint (self->settings, "send-undo-seconds");
  kith_store_outgoing_queue_async (self->store, kith_outgoing_get_id (self->draft), self->undo_delay, on_queued_cb,
                                   g_object_ref (self));
}

/* What keeps the message from leaving, naming the field and the text; %NULL when nothing does */
static char *
dup_send_problem (KithComposer *self)
{
  struct { KithAddressEntry *entry; const char *name; } fields[] = {
    { self->to_entry, _("To") }, { self->cc_entry, _("Cc") }, { self->bcc_entry, _("Bcc") },
  };
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *invalid = kith_address_entry_get_invalid (fields[i].entry);
      g_auto(GStrv) addresses = kith_address_entry_get_addresses (fields[i].entry);

      if (invalid != NULL)
        /* Translators: the field (To, Cc, Bcc), then what was typed in it; as the Outbox says it */
        return g_strdup_printf (_("%s: “%s” is not an email address"), fields[i].name, invalid);
      any |= addresses[0] != NULL;
    }
  if (!any)
    return g_strdup (_("Add a recipient in To, Cc or Bcc"));
  if (selected_sender (self) == NULL)
    return g_strdup (_("Add a mail account in Preferences to send mail from"));
  return NULL;
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KithComposer *self = KITH_COMPOSER (widget);
  g_autofree char *problem = dup_send_problem (self);

  show_problem (self, problem);
  if (problem != NULL)
    return;

  gtk_widget_action_set_enabled (widget, "composer.send", FALSE);
  self->sending = TRUE;
  self->send_requested = TRUE;
  save_now (self);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  kith_attachment_list_choose (KITH_COMPOSER (widget)->attachment_list, GTK_WINDOW (widget));
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            KithComposer  *self)
{
  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    kith_attachment_list_add (self->attachment_list, l->data);
  return TRUE;
}

/* The signature @sender signs this message with: the alias's own, else the account's, among
 * those for new mail or for replies as the message is one */
static const char *
pick_signature (GListModel      *signatures,
                KithFromAddress *sender,
                gboolean         reply)
{
  KithSignature *account_wide = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (signatures); i++)
    {
      g_autoptr(KithSignature) signature = g_list_model_get_item (signatures, i);
      const char *address = kith_signature_get_address (signature);

      if (reply ? !kith_signature_get_for_replies (signature) : !kith_signature_get_for_new (signature))
        continue;
      if (address != NULL && g_ascii_strcasecmp (address, kith_from_address_get_address (sender)) == 0)
        return kith_signature_get_body (signature);
      /* The model holds it */
      if (address == NULL && account_wide == NULL)
        account_wide = signature;
    }
  return account_wide != NULL ? kith_signature_get_body (account_wide) : NULL;
}

static void
on_signatures_read_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) signatures = kith_store_signatures_list_finish (KITH_STORE (source), result, &error);
  KithComposer *self;
  KithFromAddress *sender;
  const char *body;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = user_data;
  sender = selected_sender (self);
  if (signatures == NULL || sender == NULL)
    return;

  body = pick_signature (signatures, sender, kith_outgoing_get_in_reply_to (self->draft) != NULL);
  g_clear_pointer (&self->signature, g_free);
  if (body != NULL && *body != '\0')
    {
      kith_rich_text_insert_signature (self->body_view, body, TRUE);
      self->signature = g_strconcat ("-- \n", body, NULL);
    }
  else
    kith_rich_text_remove_signature (self->body_view);
}

/* The signature of the sender chosen, in place of the one before; a read, dropped when the
 * sender changes again or the window goes */
static void
load_signature (KithComposer *self)
{
  KithFromAddress *sender = selected_sender (self);

  g_cancellable_cancel (self->signature_read);
  g_clear_object (&self->signature_read);
  if (sender == NULL)
    return;
  self->signature_read = g_cancellable_new ();
  kith_store_signatures_list_async (self->store, kith_from_address_get_account (sender), self->signature_read,
                                    on_signatures_read_cb, self);
}

/* The draft's sender chosen in the From list, else the first address of the draft's account,
 * else the first; no list but a word on what to do when there is no account */
static void
choose_sender (KithComposer *self)
{
  guint chosen = kith_from_list_find (self->from_list, kith_outgoing_get_account (self->draft),
                                      kith_outgoing_get_from_address (self->draft));
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->from_list)) > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->from_dropdown), any);
  gtk_widget_set_visible (self->from_missing, !any);
  gtk_drop_down_set_selected (self->from_dropdown, chosen != G_MAXUINT ? chosen : 0);
}

static void
on_accounts_changed_cb (KithComposer *self)
{
  gboolean loading = self->loading;

  /* The account of the sender chosen stays chosen */
  if (!self->closed)
    collect_draft (self);
  self->loading = TRUE;
  kith_from_list_reload (self->from_list);
  choose_sender (self);
  self->loading = loading;
  if (self->signing)
    load_signature (self);
}

static void
on_from_selected_cb (KithComposer *self)
{
  if (self->loading)
    return;
  if (self->signing)
    load_signature (self);
  schedule_save (self);
}

static void
on_field_changed_cb (KithComposer *self)
{
  schedule_save (self);
}

static void
on_attachment_problem_cb (KithComposer *self,
                          const char   *message)
{
  show_problem (self, message);
}

static void
on_subject_changed_cb (KithComposer *self)
{
  const char *subject = gtk_editable_get_text (self->subject_entry);

  gtk_window_set_title (GTK_WINDOW (self), *subject != '\0' ? subject : _("New Message"));
  schedule_save (self);
}

/* Every field as the draft has it */
static void
show_draft (KithComposer *self)
{
  const char * const *cc = kith_outgoing_get_cc (self->draft);
  const char * const *bcc = kith_outgoing_get_bcc (self->draft);
  const char *text = kith_outgoing_get_body_text (self->draft);
  const char *html = kith_outgoing_get_body_html (self->draft);

  self->loading = TRUE;
  choose_sender (self);
  kith_address_entry_set_addresses (self->to_entry, kith_outgoing_get_to (self->draft));
  kith_address_entry_set_addresses (self->cc_entry, cc);
  kith_address_entry_set_addresses (self->bcc_entry, bcc);
  gtk_toggle_button_set_active (self->cc_button, cc != NULL && cc[0] != NULL);
  gtk_toggle_button_set_active (self->bcc_button, bcc != NULL && bcc[0] != NULL);
  gtk_editable_set_text (self->subject_entry, kith_outgoing_get_subject (self->draft) != NULL
                                              ? kith_outgoing_get_subject (self->draft) : "");
  /* The HTML only as the body wrote it (a draft saved): a message begun elsewhere, a reply whose
   * quote is a blockquote, is opened from its text, where the quote is in "> " lines */
  if (html != NULL && kith_outgoing_get_id (self->draft) != 0)
    kith_rich_text_set_html (self->body_view, html);
  else
    kith_rich_text_set_text (self->body_view, text != NULL ? text : "");
  kith_attachment_list_set_paths (self->attachment_list, kith_outgoing_get_attachments (self->draft));
  self->loading = FALSE;
}

static void
on_discarded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Nobody to tell: an empty draft left behind is all that can come of it */
  if (!kith_store_outgoing_discard_finish (KITH_STORE (source), result, &error))
    g_warning ("An empty draft was kept: %s", error->message);
}

/* A write, once the save on the worker (if any) has given the draft its id */
static void
discard_draft (KithComposer *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->saving || kith_outgoing_get_id (self->draft) == 0)
    return;
  kith_store_outgoing_discard_async (self->store, kith_outgoing_get_id (self->draft), on_discarded_cb, NULL);
}

static gboolean
has_any (const char * const *strv)
{
  return strv != NULL && strv[0] != NULL;
}

/* Whether nothing but a signature was written */
static gboolean
is_blank (KithComposer *self)
{
  const char *subject = kith_outgoing_get_subject (self->draft);
  g_autofree char *body = g_strdup (kith_outgoing_get_body_text (self->draft));
  g_autofree char *signature = g_strdup (self->signature);

  if (has_any (kith_outgoing_get_to (self->draft)) || has_any (kith_outgoing_get_cc (self->draft)) ||
      has_any (kith_outgoing_get_bcc (self->draft)) || has_any (kith_outgoing_get_attachments (self->draft)) ||
      kith_attachment_list_is_busy (self->attachment_list) || (subject != NULL && *subject != '\0'))
    return FALSE;
  if (body == NULL || *g_strstrip (body) == '\0')
    return TRUE;
  return signature != NULL && g_str_equal (body, g_strstrip (signature));
}

/* The window goes: what was written is kept as a draft, unless nothing was or the message is
 * on its way */
static void
keep_draft (KithComposer *self)
{
  if (self->closed)
    return;
  if (!self->sending)
    collect_draft (self);
  self->closed = TRUE;
  if (self->sending)
    return;
  self->discarding = is_blank (self);
  if (self->discarding)
    discard_draft (self);
  else
    save_now (self);
}

static gboolean
kith_composer_close_request (GtkWindow *window)
{
  keep_draft (KITH_COMPOSER (window));

  return GTK_WINDOW_CLASS (kith_composer_parent_class)->close_request (window);
}

/* An address field in @box, which @caption names; it needs the store, which the template has
 * not when it builds its children */
static KithAddressEntry *
add_address_field (KithComposer *self,
                   GtkBox       *box,
                   GtkWidget    *caption)
{
  GtkWidget *entry = kith_address_entry_new (self->store);

  gtk_widget_set_hexpand (entry, TRUE);
  /* Which also makes the caption its accessible label */
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (box, entry);
  return KITH_ADDRESS_ENTRY (entry);
}

/* The bare address of the first recipient, "Ann <ann@example.com>" or "ann@example.com" */
static char *
dup_first_address (KithComposer *self)
{
  g_auto(GStrv) to = kith_address_entry_get_addresses (self->to_entry);
  const char *open;

  if (to == NULL || to[0] == NULL)
    return NULL;
  if ((open = strrchr (to[0], '<')) != NULL && strchr (open, '>') != NULL)
    return g_strndup (open + 1, strchr (open, '>') - open - 1);
  return g_strstrip (g_strdup (to[0]));
}

/* Sends from @account's own address, when the From list has it */
static void
choose_account (KithComposer *self,
                const char   *account)
{
  KithFromAddress *sender = selected_sender (self);
  guint position;

  if (sender != NULL && g_strcmp0 (kith_from_address_get_account (sender), account) == 0)
    return;
  position = kith_from_list_find (self->from_list, account, NULL);
  if (position != G_MAXUINT)
    gtk_drop_down_set_selected (self->from_dropdown, position);
}

static void
on_template_merged_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(KithComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplateInsert) insert = kith_template_insert_finish (KITH_STORE (source), result, &error);

  if (insert == NULL)
    {
      show_problem (self, error->message);
      return;
    }
  if (self->closed)
    return;

  /* A template with an account of its own sends a new message from it; a reply stays with
   * the address it answers from */
  if (insert->account != NULL && kith_outgoing_get_in_reply_to (self->draft) == NULL)
    choose_account (self, insert->account);
  gtk_editable_set_text (self->subject_entry, insert->subject);
  if (insert->html)
    kith_rich_text_set_html (self->body_view, insert->body);
  else
    gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)), insert->body, -1);
  for (guint i = 0; insert->attachments != NULL && insert->attachments[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (insert->attachments[i]);

      kith_attachment_list_add (self->attachment_list, file);
    }
}

/* Insert Template: merged for the first recipient when Kith knows that person */
static void
on_template_chosen_cb (KithComposer *self,
                       KithTemplate *template)
{
  g_autofree char *address = dup_first_address (self);

  kith_template_insert_async (self->store, template, address, NULL, on_template_merged_cb, g_object_ref (self));
}

static void
on_step_name_read_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(KithComposer) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = kith_store_step_get_name_finish (KITH_STORE (source), result, &error);
  g_autofree char *label = NULL;

  /* A step removed since: the message completes nothing, and the check has nothing to say */
  if (name == NULL || self->closed)
    return;
  /* Translators: a check in the composer of a next step's email; %s is the step */
  label = g_strdup_printf (_("Complete step “%s” when sent"), name);
  gtk_check_button_set_label (self->step_check, label);
  gtk_widget_set_visible (GTK_WIDGET (self->step_check), TRUE);
}

/* A next step's email (kith_store_step_compose()), or a draft of one reopened: the check,
 * named by the step, on while the draft still completes it */
static void
show_step_check (KithComposer *self)
{
  self->step_person = kith_outgoing_get_completes_step_person (self->draft);
  self->step_key = g_strdup (kith_outgoing_get_completes_step_key (self->draft));
  if (self->step_key == NULL)
    return;
  kith_store_step_get_name_async (self->store, self->step_key, NULL, on_step_name_read_cb, g_object_ref (self));
}

static void
kith_composer_constructed (GObject *object)
{
  KithComposer *self = KITH_COMPOSER (object);

  G_OBJECT_CLASS (kith_composer_parent_class)->constructed (object);

  if (self->draft == NULL)
    self->draft = kith_outgoing_new ();
  self->to_entry = add_address_field (self, self->to_box, self->to_caption);
  self->cc_entry = add_address_field (self, self->cc_box, self->cc_caption);
  self->bcc_entry = add_address_field (self, self->bcc_box, self->bcc_caption);
  g_object_set (self->template_picker, "store", self->store, NULL);
  kith_from_list_set_accounts (self->from_list, self->accounts);
  g_signal_connect_object (self->accounts, "items-changed", G_CALLBACK (on_accounts_changed_cb), self,
                           G_CONNECT_SWAPPED);
  show_draft (self);
  show_step_check (self);
  /* Where the writing starts: whom to, unless that is known */
  if (!has_any (kith_outgoing_get_to (self->draft)))
    gtk_widget_grab_focus (GTK_WIDGET (self->to_entry));
  else
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->body_view));

  /* A new message is a draft from the start, signed; a draft reopened has its signature */
  if (kith_outgoing_get_id (self->draft) == 0)
    {
      self->signing = TRUE;
      load_signature (self);
      save_now (self);
    }
}

static void
kith_composer_dispose (GObject *object)
{
  KithComposer *self = KITH_COMPOSER (object);

  /* A window destroyed without a close request (the application quitting) keeps it too */
  keep_draft (self);
  g_cancellable_cancel (self->signature_read);
  g_clear_object (&self->signature_read);
  g_clear_handle_id (&self->save_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_COMPOSER);

  G_OBJECT_CLASS (kith_composer_parent_class)->dispose (object);
}

static void
kith_composer_finalize (GObject *object)
{
  KithComposer *self = KITH_COMPOSER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->accounts);
  g_clear_object (&self->draft);
  g_clear_object (&self->settings);
  g_free (self->signature);
  g_free (self->step_key);

  G_OBJECT_CLASS (kith_composer_parent_class)->finalize (object);
}

static void
kith_composer_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KithComposer *self = KITH_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
      break;
    case PROP_DRAFT:
      g_value_set_object (value, self->draft);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_composer_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KithComposer *self = KITH_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ACCOUNTS:
      self->accounts = g_value_dup_object (value);
      break;
    case PROP_DRAFT:
      /* A copy: the window's draft changes as the user types, the caller's does not */
      self->draft = g_value_get_object (value) != NULL ? kith_outgoing_copy (g_value_get_object (value)) : NULL;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_composer_class_init (KithComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kith_composer_constructed;
  object_class->dispose = kith_composer_dispose;
  object_class->finalize = kith_composer_finalize;
  object_class->get_property = kith_composer_get_property;
  object_class->set_property = kith_composer_set_property;
  window_class->close_request = kith_composer_close_request;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE, flags);
  properties[PROP_ACCOUNTS] = g_param_spec_object ("accounts", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_DRAFT] = g_param_spec_object ("draft", NULL, NULL, KITH_TYPE_OUTGOING, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_ATTACHMENT_LIST);
  g_type_ensure (KITH_TYPE_FROM_ADDRESS);
  g_type_ensure (KITH_TYPE_FROM_LIST);
  g_type_ensure (KITH_TYPE_RICH_TEXT);
  g_type_ensure (KITH_TYPE_TEMPLATE_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/compose/kith-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, KithComposer, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, problem_label);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, from_list);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, from_missing);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, to_caption);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, cc_caption);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, bcc_caption);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, to_box);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, cc_box);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, bcc_box);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, cc_button);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, bcc_button);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, subject_entry);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, body_view);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, attachment_list);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, template_picker);
  gtk_widget_class_bind_template_child (widget_class, KithComposer, step_check);
  gtk_widget_class_bind_template_callback (widget_class, on_template_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_from_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_subject_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_attachment_problem_cb);

  gtk_widget_class_install_action (widget_class, "composer.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "composer.attach", NULL, attach_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
kith_composer_init (KithComposer *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  self->settings = g_settings_new (APP_ID);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The toolbar outside the body acts on it */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "rich", kith_rich_text_get_actions (self->body_view));
  g_settings_bind (self->settings, "compose-plain-text", self->body_view, "plain-only", G_SETTINGS_BIND_GET);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view)), "changed",
                           G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  /* Ctrl+Return sends from any field: caught before the body would take it as a new line */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return"),
                                                          gtk_named_action_new ("composer.send")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/**
 * kith_composer_new:
 * @accounts: the mail accounts (#KithMailAccount) to send from
 * @draft: (nullable): the message to go on with, or %NULL for a new one
 *
 * Returns: (transfer full): a composer window for @draft, not yet shown
 */
KithComposer *
kith_composer_new (KithStore    *store,
                   GListModel   *accounts,
                   KithOutgoing *draft)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (accounts), NULL);
  g_return_val_if_fail (draft == NULL || KITH_IS_OUTGOING (draft), NULL);

  return g_object_new (KITH_TYPE_COMPOSER, "store", store, "accounts", accounts, "draft", draft, NULL);
}
