/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMailPage: the Mail page of Preferences. Every mail account — from GNOME Online Accounts,
 * Evolution or added here — with whether Kith captures it, what it is doing (reading a folder,
 * n of N; the last error, with Retry; messages Done in Kith that the server keeps refusing to
 * archive), its organisation's domains (whose people are coworkers, never logged), whether
 * two-way conversations create contacts, whether Done archives on the server and which folders
 * are read; your name and other addresses on each account's identity. Above them, who Kith takes
 * you to be (kith_store_dup_me()), for `assigned:me`.
 */

#define G_LOG_DOMAIN "KithMailPage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-account-dialog.h"
#include "kith-gui-util.h"
#include "kith-mail.h"
#include "kith-mail-page.h"

struct _KithMailPage
{
  AdwPreferencesPage  parent_instance;

  AdwPreferencesGroup *group;
  AdwActionRow        *me_name;     /* who Kith takes you to be */
  AdwActionRow        *me_addresses;
  KithSerial           me_refresh;
  GPtrArray           *rows;        /* the group's rows, to remove on rebuild */
  GHashTable          *expanded;    /* uids of the rows the user opened */
  GHashTable          *subtitles;   /* uid → its expander row, for progress */
  char                *shown;       /* the accounts the rows show, as JSON */
  KithMailService     *mail;
  KithStore           *store;   /* the mail service's; the page's own ref outlives its dispose */
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (KithMailPage, kith_mail_page, ADW_TYPE_PREFERENCES_PAGE)

static void rebuild (KithMailPage *self);
static void refresh_me (KithMailPage *self);

typedef struct {
  char       *uid;
  JsonObject *settings;
} Change;

static void
change_free (Change *change)
{
  g_free (change->uid);
  json_object_unref (change->settings);
  g_free (change);
}

static gpointer
change_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Change *change = data;

  return kith_store_mail_account_set (store, change->uid, change->settings, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
on_changed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  g_autoptr(GError) error = NULL;

  if (kith_store_run_finish (KITH_STORE (source), result, &error) == NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_widget_add_css_class (row, "error");
      kith_widget_show_error (row, error->message);
      return;
    }
  gtk_widget_remove_css_class (row, "error");
}

/* Saves one setting of an account; an error is shown on @row */
static void
save (KithMailPage *self,
      GtkWidget    *row,
      const char   *uid,
      JsonObject   *settings)
{
  Change *change = g_new0 (Change, 1);

  change->uid = g_strdup (uid);
  change->settings = json_object_ref (settings);
  kith_store_run_async (self->store, change_job, change, (GDestroyNotify) change_free,
                        NULL, NULL, on_changed_cb, g_object_ref (row));
  /* Queued behind the change on the store's worker, so it reads what was saved */
  kith_mail_service_reload_settings (self->mail);
}

static void
on_switch_cb (GtkSwitch    *toggle,
              GParamSpec   *pspec,
              KithMailPage *self)
{
  g_autoptr(JsonObject) settings = json_object_new ();
  const char *member = g_object_get_data (G_OBJECT (toggle), "member");
  gboolean on = gtk_switch_get_active (toggle);

  json_object_set_boolean_member (settings, member, on);
  save (self, GTK_WIDGET (toggle), g_object_get_data (G_OBJECT (toggle), "uid"), settings);

  /* Capture turned on: start now */
  if (on && g_str_equal (member, "capture"))
    kith_mail_service_sync (self->mail, g_object_get_data (G_OBJECT (toggle), "uid"));
}

static void
on_domains_apply_cb (AdwEntryRow  *row,
                     KithMailPage *self)
{
  g_autoptr(JsonObject) settings = json_object_new ();
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (row)), ",", -1);
  JsonArray *domains = json_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      json_array_add_string_element (domains, parts[i]);
  json_object_set_array_member (settings, "domains", domains);
  save (self, GTK_WIDGET (row), g_object_get_data (G_OBJECT (row), "uid"), settings);
}

/* The folders to read, separated by commas; none: every folder but Junk, Trash and Drafts */
static void
on_folders_apply_cb (AdwEntryRow  *row,
                     KithMailPage *self)
{
  g_autoptr(JsonObject) settings = json_object_new ();
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (row)), ",", -1);
  JsonArray *folders = json_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      json_array_add_string_element (folders, parts[i]);
  if (json_array_get_length (folders) > 0)
    json_object_set_array_member (settings, "folders", folders);
  else
    {
      json_array_unref (folders);
      json_object_set_null_member (settings, "folders");
    }
  save (self, GTK_WIDGET (row), g_object_get_data (G_OBJECT (row), "uid"), settings);
}

typedef gboolean (*IdentityFinish) (KithMailService *mail, GAsyncResult *result, GError **error);

typedef struct {
  KithMailPage   *self;
  GtkWidget      *row;
  IdentityFinish  finish;
} IdentityEdit;

static void
identity_edit_free (IdentityEdit *edit)
{
  g_object_unref (edit->self);
  g_object_unref (edit->row);
  g_free (edit);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IdentityEdit, identity_edit_free)

/* An edit of an account's identity (your name or aliases on it) is saved: who you are follows;
 * an error is shown on its row */
static void
on_identity_set_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(IdentityEdit) edit = user_data;
  g_autoptr(GError) error = NULL;

  if (!edit->finish (KITH_MAIL_SERVICE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_add_css_class (edit->row, "error");
      kith_widget_show_error (edit->row, error->message);
      return;
    }
  gtk_widget_remove_css_class (edit->row, "error");
  if (edit->self->mail == NULL)   /* saved after the page closed */
    return;
  /* The account's rows show what the store now has, not what it had when the identity changed */
  kith_mail_service_reload_settings (edit->self->mail);
  refresh_me (edit->self);
}

static IdentityEdit *
identity_edit_new (KithMailPage   *self,
                   AdwEntryRow    *row,
                   IdentityFinish  finish)
{
  IdentityEdit *edit = g_new0 (IdentityEdit, 1);

  edit->self = g_object_ref (self);
  edit->row = g_object_ref (GTK_WIDGET (row));
  edit->finish = finish;

  return edit;
}

static void
on_aliases_apply_cb (AdwEntryRow  *row,
                     KithMailPage *self)
{
  kith_mail_service_set_aliases_async (self->mail, g_object_get_data (G_OBJECT (row), "uid"),
                                       gtk_editable_get_text (GTK_EDITABLE (row)), NULL, on_identity_set_cb,
                                       identity_edit_new (self, row, kith_mail_service_set_aliases_finish));
}

static void
on_name_apply_cb (AdwEntryRow  *row,
                  KithMailPage *self)
{
  kith_mail_service_set_name_async (self->mail, g_object_get_data (G_OBJECT (row), "uid"),
                                    gtk_editable_get_text (GTK_EDITABLE (row)), NULL, on_identity_set_cb,
                                    identity_edit_new (self, row, kith_mail_service_set_name_finish));
}

static void
on_sync_clicked_cb (GtkButton    *button,
                    KithMailPage *self)
{
  kith_mail_service_sync (self->mail, g_object_get_data (G_OBJECT (button), "uid"));
}

static void
on_removed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithMailPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_mail_service_remove_account_finish (KITH_MAIL_SERVICE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    kith_widget_show_error (GTK_WIDGET (self), error->message);
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       KithMailPage     *self)
{
  if (g_str_equal (response, "remove"))
    kith_mail_service_remove_account_async (self->mail, g_object_get_data (G_OBJECT (dialog), "uid"),
                                            NULL, on_removed_cb, g_object_ref (self));
}

static void
on_remove_clicked_cb (GtkButton    *button,
                      KithMailPage *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Remove Account?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” is removed from this computer, also for other apps that use it. "
                                    "Everything Kith has captured from it stays."),
                                  (const char *) g_object_get_data (G_OBJECT (button), "name"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "uid", g_strdup (g_object_get_data (G_OBJECT (button), "uid")), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_expanded_cb (AdwExpanderRow *row,
                GParamSpec     *pspec,
                KithMailPage   *self)
{
  const char *uid = g_object_get_data (G_OBJECT (row), "uid");

  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (uid));
  else
    g_hash_table_remove (self->expanded, uid);
}

/* "Reading INBOX, 120 of 2,000", the last error, messages the server keeps refusing to archive,
 * or when it last synced */
static char *
status_of (KithMailPage *self,
           JsonObject   *account)
{
  const char *uid = json_object_get_string_member (account, "uid");
  const char *error = json_object_get_string_member_with_default (account, "lastError", NULL);
  gint64 unarchived = json_object_get_int_member_with_default (account, "archiveFailures", 0);
  g_autofree char *folder = NULL;
  guint done = 0, total = 0;

  if (!json_object_get_boolean_member_with_default (account, "capture", TRUE))
    return g_strdup (_("Not captured"));
  if (kith_mail_service_get_progress (self->mail, uid, &folder, &done, &total))
    {
      if (total == 0)
        return g_strdup (_("Checking for new mail…"));
      return folder != NULL ? g_strdup_printf (_("Reading %s, %u of %u"), folder, done, total)
                            : g_strdup_printf (_("Logging mail, %u of %u"), done, total);
    }
  if (error != NULL)
    return g_strdup (error);
  if (unarchived > 0)
    /* Translators: then the server's reason, e.g. "Internal error occurred" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message marked Done could not be archived on the server, "
                                               "Kith keeps trying: %s",
                                         "%u messages marked Done could not be archived on the server, "
                                         "Kith keeps trying: %s", unarchived),
                            (guint) unarchived,
                            json_object_get_string_member_with_default (account, "archiveError", ""));
  if (json_object_has_member (account, "lastSync"))
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (json_object_get_int_member (account, "lastSync") / 1000);
      g_autofree char *time = g_date_time_format (when, "%H:%M");
      /* Translators: the time mail was last checked */
      return g_strdup_printf (_("Up to date, checked at %s"), time);
    }

  return g_strdup (_("Not synced yet"));
}

static GtkWidget *
switch_row (const char *title,
            const char *subtitle,
            const char *uid,
            const char *member,
            gboolean    active,
            KithMailPage *self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_object_set_data_full (G_OBJECT (toggle), "uid", g_strdup (uid), g_free);
  g_object_set_data (G_OBJECT (toggle), "member", (gpointer) member);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_switch_cb), self, 0);

  return row;
}

/* The account's state on its row: syncing, failing, up to date. It also depends on the sync's
 * progress, which is not in the account's settings, so it is set again on every change */
static void
show_status (KithMailPage *self,
             GtkWidget    *row,
             JsonObject   *account)
{
  g_autofree char *status = status_of (self, account);
  gboolean failing = json_object_has_member (account, "lastError") || json_object_has_member (account, "archiveFailures");

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), status);
  if (failing && !json_object_get_boolean_member_with_default (account, "syncing", FALSE))
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static GtkWidget *
account_row (KithMailPage *self,
             JsonObject   *account)
{
  const char *uid = json_object_get_string_member (account, "uid");
  const char *address = json_object_get_string_member_with_default (account, "address", NULL);
  const char *name = address != NULL ? address : json_object_get_string_member (account, "displayName");
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *domains = adw_entry_row_new ();
  GtkWidget *your_name = adw_entry_row_new ();
  GtkWidget *aliases = adw_entry_row_new ();
  JsonArray *alias_list = kith_json_get_array (account, "aliases");
  g_autoptr(GString) alias_text = g_string_new (NULL);
  GtkWidget *actions = adw_action_row_new ();
  GtkWidget *sync = gtk_button_new_with_mnemonic (json_object_has_member (account, "lastError") ? _("_Retry") : _("_Sync Now"));
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove Account…"));
  g_autoptr(GString) domain_text = g_string_new (NULL);
  JsonArray *list = kith_json_get_array (account, "domains");
  GtkWidget *folders = adw_entry_row_new ();
  JsonArray *folder_list = kith_json_get_array (account, "folders");
  g_autoptr(GString) folder_text = g_string_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  show_status (self, row, account);
  g_object_set_data_full (G_OBJECT (row), "uid", g_strdup (uid), g_free);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), g_hash_table_contains (self->expanded, uid));
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_expanded_cb), self, 0);
  g_hash_table_insert (self->subtitles, g_strdup (uid), row);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            switch_row (_("Capture in Kith"), _("Log mail with your contacts from this account"), uid,
                                        "capture", json_object_get_boolean_member_with_default (account, "capture", TRUE), self));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            switch_row (_("Create Contacts"), _("From conversations where both sides wrote"), uid,
                                        "autoCreate", json_object_get_boolean_member_with_default (account, "autoCreate", TRUE), self));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            switch_row (_("Archive on Done"), _("Done in Kith archives the message in your mailbox too"),
                                        uid, "archive", json_object_get_boolean_member_with_default (account, "archive", TRUE),
                                        self));

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    g_string_append_printf (domain_text, "%s%s", i > 0 ? ", " : "", json_array_get_string_element (list, i));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (domains), _("Organisation Domains (coworkers are not logged)"));
  gtk_editable_set_text (GTK_EDITABLE (domains), domain_text->str);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (domains), TRUE);
  g_object_set_data_full (G_OBJECT (domains), "uid", g_strdup (uid), g_free);
  g_signal_connect_object (domains, "apply", G_CALLBACK (on_domains_apply_cb), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), domains);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (your_name), _("Your Name"));
  gtk_editable_set_text (GTK_EDITABLE (your_name), json_object_get_string_member_with_default (account, "name", ""));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (your_name), TRUE);
  g_object_set_data_full (G_OBJECT (your_name), "uid", g_strdup (uid), g_free);
  g_signal_connect_object (your_name, "apply", G_CALLBACK (on_name_apply_cb), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), your_name);

  for (guint i = 0; alias_list != NULL && i < json_array_get_length (alias_list); i++)
    g_string_append_printf (alias_text, "%s%s", i > 0 ? ", " : "", json_array_get_string_element (alias_list, i));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (aliases), _("Your Other Addresses (aliases)"));
  gtk_editable_set_text (GTK_EDITABLE (aliases), alias_text->str);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (aliases), TRUE);
  g_object_set_data_full (G_OBJECT (aliases), "uid", g_strdup (uid), g_free);
  g_signal_connect_object (aliases, "apply", G_CALLBACK (on_aliases_apply_cb), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), aliases);

  for (guint i = 0; folder_list != NULL && i < json_array_get_length (folder_list); i++)
    g_string_append_printf (folder_text, "%s%s", i > 0 ? ", " : "", json_array_get_string_element (folder_list, i));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (folders), _("Folders to Read (empty: all but Junk, Trash and Drafts)"));
  gtk_editable_set_text (GTK_EDITABLE (folders), folder_text->str);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (folders), TRUE);
  g_object_set_data_full (G_OBJECT (folders), "uid", g_strdup (uid), g_free);
  g_signal_connect_object (folders, "apply", G_CALLBACK (on_folders_apply_cb), self, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), folders);

  g_object_set_data_full (G_OBJECT (sync), "uid", g_strdup (uid), g_free);
  gtk_widget_set_valign (sync, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (sync, !json_object_get_boolean_member_with_default (account, "syncing", FALSE));
  g_signal_connect_object (sync, "clicked", G_CALLBACK (on_sync_clicked_cb), self, 0);
  g_object_set_data_full (G_OBJECT (remove), "uid", g_strdup (uid), g_free);
  g_object_set_data_full (G_OBJECT (remove), "name", g_strdup (name), g_free);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions), sync);
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), actions);

  return row;
}

static gpointer
me_job (KithStore  *store,
        gpointer    data,
        GError    **error)
{
  JsonObject *me = json_object_new ();
  g_autofree char *name = NULL;
  g_auto(GStrv) addresses = kith_store_dup_me (store, &name);
  JsonArray *list = json_array_new ();

  if (name != NULL)
    json_object_set_string_member (me, "name", name);
  for (guint i = 0; addresses[i] != NULL; i++)
    json_array_add_string_element (list, addresses[i]);
  json_object_set_array_member (me, "addresses", list);

  return me;
}

static void
on_me_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KithMailPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) me = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (me != NULL)
    {
      const char *name = json_object_get_string_member_with_default (me, "name", NULL);
      JsonArray *addresses = kith_json_get_array (me, "addresses");
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; addresses != NULL && i < json_array_get_length (addresses); i++)
        g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", json_array_get_string_element (addresses, i));
      adw_action_row_set_subtitle (self->me_name, name != NULL ? name : _("Not known yet: set Your Name on an account below"));
      adw_action_row_set_subtitle (self->me_addresses,
                                   text->len > 0 ? text->str : _("Not known yet: Kith reads them from your accounts when it syncs"));
    }
  if (kith_serial_end (&self->me_refresh))
    refresh_me (self);
}

/* Reads who you are off the main thread, on the store's worker: after what is queued there */
static void
refresh_me (KithMailPage *self)
{
  if (self->mail == NULL || !kith_serial_begin (&self->me_refresh))
    return;

  kith_store_run_async (self->store, me_job, NULL, NULL,
                        (GDestroyNotify) json_object_unref, self->cancellable, on_me_loaded_cb, g_object_ref (self));
}

static void
show_statuses (KithMailPage *self,
               JsonArray    *accounts)
{
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);
      GtkWidget *row = g_hash_table_lookup (self->subtitles, json_object_get_string_member (account, "uid"));

      if (row != NULL)
        show_status (self, row, account);
    }
}

static void
rebuild (KithMailPage *self)
{
  g_autoptr(JsonArray) accounts = NULL;
  g_autofree char *shown = NULL;

  /* The same accounts as shown: the rows stay, and so does what is being typed into them */
  if (kith_mail_service_is_ready (self->mail))
    {
      g_autoptr(JsonNode) node = json_node_alloc ();

      accounts = kith_mail_service_list_accounts (self->mail);
      json_node_init_array (node, accounts);
      shown = json_to_string (node, FALSE);
      if (g_strcmp0 (shown, self->shown) == 0)
        {
          show_statuses (self, accounts);
          return;
        }
    }
  g_free (self->shown);
  self->shown = g_steal_pointer (&shown);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->subtitles);

  if (!kith_mail_service_is_ready (self->mail))
    {
      GtkWidget *row = adw_action_row_new ();
      const char *error = kith_mail_service_get_error (self->mail);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     error != NULL ? _("Mail accounts are not available") : _("Looking for mail accounts…"));
      if (error != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
      return;
    }

  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      GtkWidget *row = account_row (self, json_array_get_object_element (accounts, i));

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }

  if (json_array_get_length (accounts) == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No mail accounts yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Add one here, or in Settings → Online Accounts"));
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
on_mail_changed_cb (KithMailService *mail,
                    KithMailPage    *self)
{
  rebuild (self);
  /* A sync reads the identities again */
  refresh_me (self);
}

static void
on_mail_progress_cb (KithMailService *mail,
                     const char      *account,
                     KithMailPage    *self)
{
  GtkWidget *row = g_hash_table_lookup (self->subtitles, account);
  g_autoptr(JsonArray) accounts = NULL;

  if (row == NULL)
    return;

  accounts = kith_mail_service_list_accounts (mail);
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *a = json_array_get_object_element (accounts, i);

      if (g_strcmp0 (json_object_get_string_member (a, "uid"), account) == 0)
        show_status (self, row, a);
    }
}

/* Opens the dialog that adds a custom IMAP/SMTP account */
void
kith_mail_page_add_account (KithMailPage *self)
{
  GtkWidget *dialog;

  g_return_if_fail (KITH_IS_MAIL_PAGE (self));

  dialog = kith_account_dialog_new (self->mail, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
kith_mail_page_dispose (GObject *object)
{
  KithMailPage *self = KITH_MAIL_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->mail != NULL)
    g_signal_handlers_disconnect_by_data (self->mail, self);
  g_clear_object (&self->mail);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_mail_page_parent_class)->dispose (object);
}

static void
kith_mail_page_finalize (GObject *object)
{
  KithMailPage *self = KITH_MAIL_PAGE (object);

  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->expanded);
  g_hash_table_unref (self->subtitles);
  g_free (self->shown);

  G_OBJECT_CLASS (kith_mail_page_parent_class)->finalize (object);
}

static void
kith_mail_page_class_init (KithMailPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_mail_page_dispose;
  object_class->finalize = kith_mail_page_finalize;
}

static void
kith_mail_page_init (KithMailPage *self)
{
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Account…"));
  GtkWidget *me;

  self->rows = g_ptr_array_new ();
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->subtitles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Mail"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "mail-unread-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "mail");

  me = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (me), _("You"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (me),
                                         _("Who Kith takes you to be, so that assigned:me finds what is yours: your "
                                           "name and addresses on each account below."));
  self->me_name = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->me_name), _("Name"));
  self->me_addresses = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->me_addresses), _("Addresses"));
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *row = GTK_WIDGET (i == 0 ? self->me_name : self->me_addresses);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (me), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (me));

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Mail Accounts"));
  adw_preferences_group_set_description (self->group,
                                         _("Accounts in Settings → Online Accounts and in Evolution appear here by "
                                           "themselves. Kith logs mail with your contacts from every folder but "
                                           "Junk, Trash and Drafts (on Gmail: All Mail); passwords stay in the "
                                           "keyring."));
  gtk_widget_set_valign (add, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (kith_mail_page_add_account), self);
  adw_preferences_group_set_header_suffix (self->group, add);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->group);
}

GtkWidget *
kith_mail_page_new (KithMailService *mail)
{
  KithMailPage *self = g_object_new (KITH_TYPE_MAIL_PAGE, NULL);

  self->mail = g_object_ref (mail);
  self->store = g_object_ref (kith_mail_service_get_store (mail));
  g_signal_connect_object (mail, "changed", G_CALLBACK (on_mail_changed_cb), self, 0);
  g_signal_connect_object (mail, "progress", G_CALLBACK (on_mail_progress_cb), self, 0);
  rebuild (self);
  refresh_me (self);

  return GTK_WIDGET (self);
}
