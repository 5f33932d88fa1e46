/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMailPage: the Mail page of Preferences. Every mail account — from GNOME Online Accounts,
 * Evolution or added here — as a KithMailAccountRow, bound to the mail service's list of
 * accounts; above them, who Kith takes you to be (kith_store_dup_me()), for `assigned:me`;
 * below them, how mail is sent (the undo delay and plain text, GSettings keys bound to their rows)
 * and the signatures of each account and alias (a KithSignatureScopeRow each).
 */

#define G_LOG_DOMAIN "KithMailPage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-account-dialog.h"
#include "kith-gui-util.h"
#include "kith-mail-account-row.h"
#include "kith-mail-page.h"
#include "kith-setting.h"
#include "kith-signature-scope.h"
#include "kith-signature-scope-row.h"

struct _KithMailPage
{
  AdwPreferencesPage  parent_instance;

  AdwActionRow       *me_name;       /* who Kith takes you to be */
  AdwActionRow       *me_addresses;
  AdwActionRow       *status_row;    /* no accounts, or none yet */
  GtkListBox         *accounts_list;
  AdwComboRow        *undo_send_row;
  GtkSwitch          *plain_text_switch;
  GtkListBox         *signature_scopes_list;

  KithMailService    *mail;
  KithStore          *store;        /* the mail service's: the page's own ref outlives the service's dispose */
  KithSerial          me_refresh;
  GCancellable       *cancellable;
  GSettings          *settings;
};

G_DEFINE_FINAL_TYPE (KithMailPage, kith_mail_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_MAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The Undo Send row's choices, in the order of its model in kith-mail-page.ui */
static const guint undo_seconds[] = { 0, 5, 10, 20, 30 };

static void refresh_me (KithMailPage *self);

static void
on_me_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KithMailPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_auto(GStrv) addresses = kith_setting_dup_me_finish (KITH_STORE (source), result, &name, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (addresses != NULL)
    {
      g_autofree char *text = g_strjoinv (", ", addresses);

      adw_action_row_set_subtitle (self->me_name, name != NULL ? name : _("Not known yet: set Your Name on an account below"));
      adw_action_row_set_subtitle (self->me_addresses,
                                   *text != '\0' ? text : _("Not known yet: Kith reads them from your accounts when it syncs"));
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

  kith_setting_dup_me_async (self->store, self->cancellable, on_me_loaded_cb, g_object_ref (self));
}

static void
refresh_me_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  refresh_me (KITH_MAIL_PAGE (widget));
}

/* Instead of the accounts (the list's placeholder): why there are none (yet) */
static void
show_status (KithMailPage *self)
{
  const char *error = kith_mail_service_get_error (self->mail);

  if (!kith_mail_service_is_ready (self->mail))
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row),
                                     error != NULL ? _("Mail accounts are not available") : _("Looking for mail accounts…"));
      adw_action_row_set_subtitle (self->status_row, error);
      return;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("No mail accounts yet"));
  adw_action_row_set_subtitle (self->status_row, _("Add one here, or in Settings → Online Accounts"));
}

static void
on_mail_changed_cb (KithMailPage *self)
{
  show_status (self);
  /* A sync reads the identities again */
  refresh_me (self);
}

static GtkWidget *
create_account_row (gpointer item,
                    gpointer user_data)
{
  KithMailPage *self = user_data;

  return kith_mail_account_row_new (self->mail, item);
}

/* The choice nearest to the key's value: another value may have been set outside Kith */
static gboolean
undo_seconds_to_choice (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  guint seconds = g_variant_get_uint32 (variant);
  guint nearest = 0;

  for (guint i = 1; i < G_N_ELEMENTS (undo_seconds); i++)
    if (ABS ((int) undo_seconds[i] - (int) seconds) < ABS ((int) undo_seconds[nearest] - (int) seconds))
      nearest = i;

  g_value_set_uint (value, nearest);
  return TRUE;
}

static GVariant *
choice_to_undo_seconds (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  guint choice = g_value_get_uint (value);

  if (choice >= G_N_ELEMENTS (undo_seconds))
    return NULL;
  return g_variant_new_uint32 (undo_seconds[choice]);
}

static void
bind_settings (KithMailPage *self)
{
  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "send-undo-seconds", self->undo_send_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, undo_seconds_to_choice, choice_to_undo_seconds, NULL, NULL);
  g_settings_bind (self->settings, "compose-plain-text", self->plain_text_switch, "active", G_SETTINGS_BIND_DEFAULT);
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

static GtkWidget *
create_signature_scope_row (gpointer item,
                            gpointer user_data)
{
  KithMailPage *self = user_data;

  return kith_signature_scope_row_new (self->store, item);
}

static void
kith_mail_page_constructed (GObject *object)
{
  KithMailPage *self = KITH_MAIL_PAGE (object);
  g_autoptr(GListModel) scopes = NULL;

  G_OBJECT_CLASS (kith_mail_page_parent_class)->constructed (object);

  self->store = g_object_ref (kith_mail_service_get_store (self->mail));
  gtk_list_box_bind_model (self->accounts_list, kith_mail_service_get_accounts (self->mail), create_account_row,
                           self, NULL);
  g_signal_connect_object (self->mail, "changed", G_CALLBACK (on_mail_changed_cb), self, G_CONNECT_SWAPPED);
  on_mail_changed_cb (self);

  scopes = kith_signature_scopes_new (kith_mail_service_get_accounts (self->mail));
  gtk_list_box_bind_model (self->signature_scopes_list, scopes, create_signature_scope_row, self, NULL);
}

static void
kith_mail_page_dispose (GObject *object)
{
  KithMailPage *self = KITH_MAIL_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  /* The scopes follow the accounts' aliases, which may change after the page went */
  if (self->signature_scopes_list != NULL)
    gtk_list_box_bind_model (self->signature_scopes_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_MAIL_PAGE);
  g_clear_object (&self->mail);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kith_mail_page_parent_class)->dispose (object);
}

static void
kith_mail_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KithMailPage *self = KITH_MAIL_PAGE (object);

  switch (prop_id)
    {
    case PROP_MAIL:
      g_value_set_object (value, self->mail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_mail_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KithMailPage *self = KITH_MAIL_PAGE (object);

  switch (prop_id)
    {
    case PROP_MAIL:
      self->mail = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_mail_page_class_init (KithMailPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_mail_page_constructed;
  object_class->dispose = kith_mail_page_dispose;
  object_class->get_property = kith_mail_page_get_property;
  object_class->set_property = kith_mail_page_set_property;

  properties[PROP_MAIL] = g_param_spec_object ("mail", NULL, NULL, KITH_TYPE_MAIL_SERVICE,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-mail-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithMailPage, me_name);
  gtk_widget_class_bind_template_child (widget_class, KithMailPage, me_addresses);
  gtk_widget_class_bind_template_child (widget_class, KithMailPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, KithMailPage, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, KithMailPage, undo_send_row);
  gtk_widget_class_bind_template_child (widget_class, KithMailPage, plain_text_switch);
  gtk_widget_class_bind_template_child (widget_class, KithMailPage, signature_scopes_list);
  gtk_widget_class_bind_template_callback (widget_class, kith_mail_page_add_account);

  gtk_widget_class_install_action (widget_class, "mail.refresh-me", NULL, refresh_me_action);
}

static void
kith_mail_page_init (KithMailPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  bind_settings (self);
}

GtkWidget *
kith_mail_page_new (KithMailService *mail)
{
  g_return_val_if_fail (KITH_IS_MAIL_SERVICE (mail), NULL);

  return g_object_new (KITH_TYPE_MAIL_PAGE, "mail", mail, NULL);
}
