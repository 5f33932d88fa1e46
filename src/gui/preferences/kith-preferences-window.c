/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithPreferences"

#include "config.h"

#include "kith-fields-page.h"
#include "kith-general-page.h"
#include "kith-mail-page.h"
#include "kith-calendars-page.h"
#include "kith-contacts-page.h"
#include "kith-preferences-window.h"
#include "kith-relationship-page.h"
#include "kith-tags-page.h"
#include "kith-templates-page.h"

/*
 * The Preferences window: a shell around its pages (Relationships, Custom Fields, Tags, General
 * and, with mail, Mail), each its own class given the store. Every change on a page is written
 * at once, off the main thread, and never cancelled by the window closing.
 */

struct _KithPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  KithStorePage        *relationship_page;
  KithStorePage        *fields_page;
  KithStorePage        *tags_page;
  KithStorePage        *general_page;
  KithStorePage        *templates_page;
  KithMailPage         *mail_page;

  KithStore            *store;
};

G_DEFINE_FINAL_TYPE (KithPreferencesWindow, kith_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The pages load once they have the store */
static void
kith_preferences_window_constructed (GObject *object)
{
  KithPreferencesWindow *self = KITH_PREFERENCES_WINDOW (object);
  KithStorePage *pages[] = { self->relationship_page, self->fields_page, self->tags_page, self->general_page,
                            self->templates_page };

  G_OBJECT_CLASS (kith_preferences_window_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_object_set (pages[i], "store", self->store, NULL);
}

static void
kith_preferences_window_dispose (GObject *object)
{
  KithPreferencesWindow *self = KITH_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (kith_preferences_window_parent_class)->dispose (object);
}

static void
kith_preferences_window_finalize (GObject *object)
{
  KithPreferencesWindow *self = KITH_PREFERENCES_WINDOW (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (kith_preferences_window_parent_class)->finalize (object);
}

static void
kith_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  KithPreferencesWindow *self = KITH_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  KithPreferencesWindow *self = KITH_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_preferences_window_class_init (KithPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_preferences_window_constructed;
  object_class->dispose = kith_preferences_window_dispose;
  object_class->finalize = kith_preferences_window_finalize;
  object_class->get_property = kith_preferences_window_get_property;
  object_class->set_property = kith_preferences_window_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_RELATIONSHIP_PAGE);
  g_type_ensure (KITH_TYPE_FIELDS_PAGE);
  g_type_ensure (KITH_TYPE_TAGS_PAGE);
  g_type_ensure (KITH_TYPE_GENERAL_PAGE);
  g_type_ensure (KITH_TYPE_TEMPLATES_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KithPreferencesWindow, relationship_page);
  gtk_widget_class_bind_template_child (widget_class, KithPreferencesWindow, fields_page);
  gtk_widget_class_bind_template_child (widget_class, KithPreferencesWindow, tags_page);
  gtk_widget_class_bind_template_child (widget_class, KithPreferencesWindow, general_page);
  gtk_widget_class_bind_template_child (widget_class, KithPreferencesWindow, templates_page);
}

static void
kith_preferences_window_init (KithPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_preferences_window_new:
 *
 * Returns: (transfer none): the Preferences window, loading its settings
 */
GtkWidget *
kith_preferences_window_new (KithStore *store,
                             GtkWindow *parent)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  return g_object_new (KITH_TYPE_PREFERENCES_WINDOW, "store", store, "transient-for", parent, NULL);
}

/**
 * kith_preferences_window_set_mail_service:
 *
 * Adds the Mail page, for the application's mail accounts.
 *
 * The page is added here rather than declared in kith-preferences-window.ui: it takes @mail as a
 * construct-only property, and the template's children are built in
 * gtk_widget_init_template (), before this window has any mail service to give them (a
 * `<binding>` would set it only after the page is constructed, which GObject refuses for a
 * construct-only property). A Preferences window given no mail service (the settings'
 * tests make one from the store alone) has no Mail page, rather than one with nothing behind
 * it.
 */
void
kith_preferences_window_set_mail_service (KithPreferencesWindow *self,
                                          KithMailService       *mail)
{
  g_return_if_fail (KITH_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (self->mail_page == NULL);

  self->mail_page = KITH_MAIL_PAGE (kith_mail_page_new (mail));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->mail_page));
}

/**
 * kith_preferences_window_set_calendar_service:
 *
 * Adds the Calendars page, for the calendar service's calendars; added here for the reason
 * the Mail page is (kith_preferences_window_set_mail_service ()).
 */
void
kith_preferences_window_set_calendar_service (KithPreferencesWindow *self,
                                              KithCalendarService   *calendar)
{
  g_return_if_fail (KITH_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (kith_calendars_page_new (calendar)));
}

/**
 * kith_preferences_window_set_book_service:
 *
 * Adds the Contacts page, for the book service's address books; added here for the reason
 * the Mail page is (kith_preferences_window_set_mail_service ()).
 */
void
kith_preferences_window_set_book_service (KithPreferencesWindow *self,
                                          KithBookService       *books)
{
  g_return_if_fail (KITH_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (kith_contacts_page_new (books)));
}

/* Shows the Mail page and the dialog that adds an account */
void
kith_preferences_window_add_mail_account (KithPreferencesWindow *self)
{
  g_return_if_fail (KITH_IS_PREFERENCES_WINDOW (self));

  if (self->mail_page == NULL)
    return;
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->mail_page));
  kith_mail_page_add_account (self->mail_page);
}
