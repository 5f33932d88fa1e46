/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMailAccountRow: a mail account on the Mail page — what it is doing (reading a folder,
 * n of N; the last error, with Retry; messages Done in Kith that the server keeps refusing to
 * archive), whether Kith captures it, whether two-way conversations create contacts, whether
 * Done archives on the server, its organisation's domains (whose people are coworkers, never
 * logged), your name and other addresses on its identity and the folders read. A change is
 * saved at once; what went wrong is said on the row that changed.
 */

#define G_LOG_DOMAIN "KithMailAccountRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-confirm-dialog.h"
#include "kith-gui-util.h"
#include "kith-mail-account-row.h"

struct _KithMailAccountRow
{
  AdwExpanderRow   parent_instance;

  GtkSwitch       *capture_switch;
  GtkSwitch       *auto_create_switch;
  GtkSwitch       *archive_switch;

  KithMailService *mail;
  KithMailAccount *account;
};

G_DEFINE_FINAL_TYPE (KithMailAccountRow, kith_mail_account_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_MAIL,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "Reading INBOX, 120 of 2,000", the last error, messages the server keeps refusing to archive,
 * or when it last synced */
static char *
dup_status (KithMailAccount *account)
{
  guint done, total, unarchived = kith_mail_account_get_archive_failures (account);
  const char *folder = kith_mail_account_get_progress (account, &done, &total);

  if (!kith_mail_account_get_capture (account))
    return g_strdup (_("Not captured"));
  if (kith_mail_account_get_syncing (account))
    {
      if (total == 0)
        return g_strdup (_("Checking for new mail…"));
      return folder != NULL ? g_strdup_printf (_("Reading %s, %'u of %'u"), folder, done, total)
                            : g_strdup_printf (_("Logging mail, %'u of %'u"), done, total);
    }
  if (kith_mail_account_get_last_error (account) != NULL)
    return g_strdup (kith_mail_account_get_last_error (account));
  if (unarchived > 0)
    /* Translators: then the server's reason, e.g. "Internal error occurred" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message marked Done could not be archived on the server, "
                                               "Kith keeps trying: %s",
                                         "%u messages marked Done could not be archived on the server, "
                                         "Kith keeps trying: %s", unarchived),
                            unarchived, kith_mail_account_get_archive_error (account) ?: "");
  if (kith_mail_account_get_last_sync (account) > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (kith_mail_account_get_last_sync (account) / 1000);
      g_autofree char *time = g_date_time_format (when, "%H:%M");
      /* Translators: the time mail was last checked */
      return g_strdup_printf (_("Up to date, checked at %s"), time);
    }

  return g_strdup (_("Not synced yet"));
}

/* The account on its row: its address and state (syncing, failing, up to date) */
static void
show_status (KithMailAccountRow *self)
{
  g_autofree char *status = dup_status (self->account);
  g_autofree char *status_markup = kith_markup_escape (status);
  gboolean failing = kith_mail_account_get_last_error (self->account) != NULL ||
                     kith_mail_account_get_archive_failures (self->account) > 0;

  kith_preferences_row_set_text_title (ADW_PREFERENCES_ROW (self), kith_mail_account_get_title (self->account));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), status_markup);
  if (failing && !kith_mail_account_get_syncing (self->account))
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
}

static char *
join_list (KithMailAccountRow *self,
           GStrv               list)
{
  return list != NULL ? g_strjoinv (", ", list) : g_strdup ("");
}

/* An entry's text is never %NULL */
static char *
or_empty (KithMailAccountRow *self,
          const char         *text)
{
  return g_strdup (text != NULL ? text : "");
}

static char *
sync_label (KithMailAccountRow *self,
            const char         *last_error)
{
  return g_strdup (last_error != NULL ? _("_Retry") : _("_Sync Now"));
}

static gboolean
is_false (KithMailAccountRow *self,
          gboolean            value)
{
  return !value;
}

static GStrv
split_list (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) list = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_strv_builder_add (list, parts[i]);

  return g_strv_builder_end (list);
}

/* A change is saved, or said on @row why not */
static void
show_saved (GtkWidget *row,
            GError    *error)
{
  if (error == NULL)
    {
      gtk_widget_remove_css_class (row, "error");
      return;
    }
  gtk_widget_add_css_class (row, "error");
  kith_widget_show_error (row, error->message);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  g_autoptr(GError) error = NULL;

  kith_mail_account_save_finish (KITH_MAIL_ACCOUNT (source), result, &error);
  show_saved (row, error);
}

static void
save_flag (KithMailAccountRow *self,
           GtkSwitch          *toggle,
           const char         *property,
           gboolean            saved)
{
  KithStore *store = kith_mail_service_get_store (self->mail);
  gboolean on = gtk_switch_get_active (toggle);

  /* Not when mail has shut down */
  if (on == saved || store == NULL)
    return;

  kith_mail_account_save_flag_async (self->account, store, property, on,
                                     on_saved_cb, g_object_ref (GTK_WIDGET (toggle)));
  /* Queued behind the change on the store's worker, so it reads what was saved */
  kith_mail_service_reload_settings (self->mail);

  /* Capture turned on: start now */
  if (on && g_str_equal (property, "capture"))
    kith_mail_service_sync (self->mail, kith_mail_account_get_uid (self->account));
}

static void
on_capture_cb (GtkSwitch          *toggle,
               GParamSpec         *pspec,
               KithMailAccountRow *self)
{
  save_flag (self, toggle, "capture", kith_mail_account_get_capture (self->account));
}

static void
on_auto_create_cb (GtkSwitch          *toggle,
                   GParamSpec         *pspec,
                   KithMailAccountRow *self)
{
  save_flag (self, toggle, "auto-create", kith_mail_account_get_auto_create (self->account));
}

static void
on_archive_cb (GtkSwitch          *toggle,
               GParamSpec         *pspec,
               KithMailAccountRow *self)
{
  save_flag (self, toggle, "archive", kith_mail_account_get_archive (self->account));
}

static void
save_list (KithMailAccountRow *self,
           AdwEntryRow        *row,
           const char         *property)
{
  KithStore *store = kith_mail_service_get_store (self->mail);
  g_auto(GStrv) list = split_list (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (store == NULL)
    return;

  kith_mail_account_save_list_async (self->account, store, property,
                                     (const char * const *) list, on_saved_cb, g_object_ref (GTK_WIDGET (row)));
  kith_mail_service_reload_settings (self->mail);
}

static void
on_domains_applied_cb (AdwEntryRow        *row,
                       KithMailAccountRow *self)
{
  save_list (self, row, "domains");
}

/* None: every folder but Junk, Trash and Drafts */
static void
on_folders_applied_cb (AdwEntryRow        *row,
                       KithMailAccountRow *self)
{
  save_list (self, row, "folders");
}

typedef gboolean (*IdentityFinish) (KithMailService *mail, GAsyncResult *result, GError **error);

typedef struct {
  GtkWidget      *row;
  IdentityFinish  finish;
} IdentityEdit;

/* An edit of the account's identity (your name or aliases on it) is saved: the account's rows
 * and who you are (the page's You) follow */
static void
on_identity_set_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autofree IdentityEdit *edit = user_data;
  g_autoptr(GtkWidget) row = edit->row;
  g_autoptr(GError) error = NULL;

  if (!edit->finish (KITH_MAIL_SERVICE (source), result, &error))
    {
      show_saved (row, error);
      return;
    }
  show_saved (row, NULL);
  kith_mail_service_reload_settings (KITH_MAIL_SERVICE (source));
  gtk_widget_activate_action (row, "mail.refresh-me", NULL);
}

static IdentityEdit *
identity_edit_new (AdwEntryRow    *row,
                   IdentityFinish  finish)
{
  IdentityEdit *edit = g_new0 (IdentityEdit, 1);

  edit->row = g_object_ref (GTK_WIDGET (row));
  edit->finish = finish;

  return edit;
}

static void
on_name_applied_cb (AdwEntryRow        *row,
                    KithMailAccountRow *self)
{
  kith_mail_service_set_name_async (self->mail, kith_mail_account_get_uid (self->account),
                                    gtk_editable_get_text (GTK_EDITABLE (row)), NULL, on_identity_set_cb,
                                    identity_edit_new (row, kith_mail_service_set_name_finish));
}

static void
on_aliases_applied_cb (AdwEntryRow        *row,
                       KithMailAccountRow *self)
{
  kith_mail_service_set_aliases_async (self->mail, kith_mail_account_get_uid (self->account),
                                       gtk_editable_get_text (GTK_EDITABLE (row)), NULL, on_identity_set_cb,
                                       identity_edit_new (row, kith_mail_service_set_aliases_finish));
}

static void
on_sync_clicked_cb (KithMailAccountRow *self)
{
  kith_mail_service_sync (self->mail, kith_mail_account_get_uid (self->account));
}

static void
on_removed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWidget) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_mail_service_remove_account_finish (KITH_MAIL_SERVICE (source), result, &error))
    kith_widget_show_error (self, error->message);
}

static void
remove_account (GtkWidget *widget,
                gpointer   account)
{
  KithMailAccountRow *self = KITH_MAIL_ACCOUNT_ROW (widget);

  kith_mail_service_remove_account_async (self->mail, kith_mail_account_get_uid (account), NULL, on_removed_cb,
                                          g_object_ref (widget));
}

static void
on_remove_clicked_cb (KithMailAccountRow *self)
{
  g_autofree char *body =
    g_strdup_printf (_("“%s” is removed from this computer, also for other apps that use it. "
                       "Everything Kith has captured from it stays."), kith_mail_account_get_title (self->account));

  kith_confirm_dialog_present (GTK_WIDGET (self), _("Remove Account?"), body, _("_Remove"), remove_account,
                               self->account);
}

static void
show_account (KithMailAccountRow *self)
{
  g_signal_connect_object (self->account, "notify", G_CALLBACK (show_status), self, G_CONNECT_SWAPPED);
  show_status (self);
}

static void
kith_mail_account_row_dispose (GObject *object)
{
  KithMailAccountRow *self = KITH_MAIL_ACCOUNT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_MAIL_ACCOUNT_ROW);
  g_clear_object (&self->account);
  g_clear_object (&self->mail);

  G_OBJECT_CLASS (kith_mail_account_row_parent_class)->dispose (object);
}

static void
kith_mail_account_row_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KithMailAccountRow *self = KITH_MAIL_ACCOUNT_ROW (object);

  switch (prop_id)
    {
    case PROP_MAIL:
      g_value_set_object (value, self->mail);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_mail_account_row_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KithMailAccountRow *self = KITH_MAIL_ACCOUNT_ROW (object);

  switch (prop_id)
    {
    case PROP_MAIL:
      self->mail = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT:
      g_assert (self->account == NULL);
      self->account = g_value_dup_object (value);
      show_account (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_mail_account_row_class_init (KithMailAccountRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_mail_account_row_dispose;
  object_class->get_property = kith_mail_account_row_get_property;
  object_class->set_property = kith_mail_account_row_set_property;

  properties[PROP_MAIL] = g_param_spec_object ("mail", NULL, NULL, KITH_TYPE_MAIL_SERVICE,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] = g_param_spec_object ("account", NULL, NULL, KITH_TYPE_MAIL_ACCOUNT,
                                                  G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-mail-account-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithMailAccountRow, capture_switch);
  gtk_widget_class_bind_template_child (widget_class, KithMailAccountRow, auto_create_switch);
  gtk_widget_class_bind_template_child (widget_class, KithMailAccountRow, archive_switch);
  gtk_widget_class_bind_template_callback (widget_class, join_list);
  gtk_widget_class_bind_template_callback (widget_class, or_empty);
  gtk_widget_class_bind_template_callback (widget_class, sync_label);
  gtk_widget_class_bind_template_callback (widget_class, is_false);
  gtk_widget_class_bind_template_callback (widget_class, on_capture_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_auto_create_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_archive_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_domains_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folders_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_aliases_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
}

static void
kith_mail_account_row_init (KithMailAccountRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A row for @account */
GtkWidget *
kith_mail_account_row_new (KithMailService *mail,
                           KithMailAccount *account)
{
  GtkWidget *row = g_object_new (KITH_TYPE_MAIL_ACCOUNT_ROW, "mail", mail, NULL);

  g_object_set (row, "account", account, NULL);

  return row;
}
