/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithGeneralPage: the General page of Preferences — reminders (running in the background,
 * starting at login through the Background portal) and whether files dropped on a profile are
 * copied into Kith or linked where they are (the store's `files-mode`).
 */

#define G_LOG_DOMAIN "KithGeneralPage"

#include "config.h"

#include <glib/gi18n.h>

#include <libportal-gtk4/portal-gtk4.h>

#include "kith-general-page.h"
#include "kith-gui-util.h"
#include "kith-setting.h"

struct _KithGeneralPage
{
  KithStorePage       parent_instance;

  GtkSwitch          *copy_files_switch;
  GtkSwitch          *background_switch;
  GtkSwitch          *autostart_switch;

  GSettings          *settings;
  XdpPortal          *portal;
  char               *files_mode;   /* as loaded or last saved */
};

G_DEFINE_FINAL_TYPE (KithGeneralPage, kith_general_page, KITH_TYPE_STORE_PAGE)

static void
on_files_mode_loaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(KithGeneralPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *mode = kith_setting_dup_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (mode == NULL)
    {
      kith_widget_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  /* Copying is the default */
  g_free (self->files_mode);
  self->files_mode = g_strdup (g_str_equal (mode, "link") ? "link" : "copy");
  gtk_switch_set_active (self->copy_files_switch, g_str_equal (self->files_mode, "copy"));
}

static void
load (KithStorePage *page)
{
  kith_setting_dup_async (kith_store_page_get_store (page), "files-mode", kith_store_page_get_cancellable (page),
                          on_files_mode_loaded_cb, g_object_ref (page));
}

static void
on_files_mode_saved_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(KithGeneralPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_setting_set_finish (KITH_STORE (source), result, &error))
    kith_widget_show_error (GTK_WIDGET (self), error->message);
}

static void
on_copy_files_cb (GtkSwitch       *toggle,
                  GParamSpec      *pspec,
                  KithGeneralPage *self)
{
  const char *mode = gtk_switch_get_active (toggle) ? "copy" : "link";

  /* Not loaded yet, or what was loaded being shown */
  if (self->files_mode == NULL || g_str_equal (mode, self->files_mode))
    return;

  g_free (self->files_mode);
  self->files_mode = g_strdup (mode);
  kith_setting_set_async (kith_store_page_get_store (KITH_STORE_PAGE (self)), "files-mode", mode,
                          on_files_mode_saved_cb, g_object_ref (self));
}

static void
on_background_requested_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(KithGeneralPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean wanted = gtk_switch_get_active (self->autostart_switch);
  gboolean granted = xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!granted)
    {
      g_autofree char *text = g_strdup_printf (_("Kith could not be set to start at login: %s"),
                                               error != NULL ? error->message : _("not allowed"));
      kith_widget_show_error (GTK_WIDGET (self), text);
      wanted = FALSE;
    }

  gtk_switch_set_state (self->autostart_switch, wanted && granted);
  gtk_switch_set_active (self->autostart_switch, wanted && granted);
  g_settings_set_boolean (self->settings, "start-at-login", wanted && granted);
}

/* Autostart goes through the Background portal: the desktop asks the user, and may say no */
static gboolean
on_autostart_set_cb (GtkSwitch       *toggle,
                     gboolean         state,
                     KithGeneralPage *self)
{
  g_autoptr(GPtrArray) command = g_ptr_array_new_with_free_func (g_free);
  XdpParent *parent;

  if (self->portal == NULL)
    self->portal = xdp_portal_new ();

  g_ptr_array_add (command, g_strdup ("kith"));
  g_ptr_array_add (command, g_strdup ("--gapplication-service"));
  parent = xdp_parent_new_gtk (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  xdp_portal_request_background (self->portal, parent, _("Kith shows reminders for due to-dos and next steps"),
                                 state ? command : NULL,
                                 state ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                 kith_store_page_get_cancellable (KITH_STORE_PAGE (self)),
                                 on_background_requested_cb, g_object_ref (self));
  xdp_parent_free (parent);

  /* The switch moves when the portal answers */
  return TRUE;
}

static void
kith_general_page_dispose (GObject *object)
{
  KithGeneralPage *self = KITH_GENERAL_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_GENERAL_PAGE);
  g_clear_object (&self->settings);
  g_clear_object (&self->portal);

  G_OBJECT_CLASS (kith_general_page_parent_class)->dispose (object);
}

static void
kith_general_page_finalize (GObject *object)
{
  KithGeneralPage *self = KITH_GENERAL_PAGE (object);

  g_free (self->files_mode);

  G_OBJECT_CLASS (kith_general_page_parent_class)->finalize (object);
}

static void
kith_general_page_class_init (KithGeneralPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_general_page_dispose;
  KITH_STORE_PAGE_CLASS (klass)->load = load;
  object_class->finalize = kith_general_page_finalize;


  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-general-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithGeneralPage, copy_files_switch);
  gtk_widget_class_bind_template_child (widget_class, KithGeneralPage, background_switch);
  gtk_widget_class_bind_template_child (widget_class, KithGeneralPage, autostart_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_files_cb);
}

static void
kith_general_page_init (KithGeneralPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Before the handler of the autostart switch is connected: showing the setting asks nothing */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  gtk_switch_set_active (self->autostart_switch, g_settings_get_boolean (self->settings, "start-at-login"));
  g_signal_connect_object (self->autostart_switch, "state-set", G_CALLBACK (on_autostart_set_cb), self, 0);
}
