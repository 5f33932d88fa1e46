/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithBookRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-book-row.h"
#include "kith-gui-util.h"

/*
 * One address book of Preferences → Contacts: its name, its account, how far Kith got with it
 * (the first sync's progress, or why it failed, with Retry) and the "Keep in sync with Kith"
 * switch. The row follows its KithAddressBook, which the book service updates as the book's
 * state changes.
 */

struct _KithBookRow
{
  AdwActionRow     parent_instance;

  KithBookService *service;
  KithAddressBook *book;
  GtkWidget       *progress_bar;
  GtkWidget       *retry_button;
  GtkWidget       *follow_switch;
};

G_DEFINE_FINAL_TYPE (KithBookRow, kith_book_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_SERVICE,
  PROP_BOOK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the subtitle says of the book's state; newly allocated */
static char *
dup_state_text (KithAddressBook *book)
{
  const char *error = kith_address_book_get_error (book);

  switch (kith_address_book_get_state (book))
    {
    case KITH_ADDRESS_BOOK_STATE_OFF:
      return g_strdup (_("Not kept in sync"));
    case KITH_ADDRESS_BOOK_STATE_CONNECTING:
      return g_strdup (_("Connecting…"));
    case KITH_ADDRESS_BOOK_STATE_SYNCING:
      /* Translators: the first sync of an address book, how far it got */
      return g_strdup_printf (_("Syncing… %d %%"), (int) (kith_address_book_get_progress (book) * 100.0));
    case KITH_ADDRESS_BOOK_STATE_READY:
      return g_strdup (kith_address_book_get_writable (book) ? _("Up to date") : _("Up to date · read-only"));
    case KITH_ADDRESS_BOOK_STATE_ERROR:
    default:
      return g_strdup (error != NULL ? error : _("Cannot be read"));
    }
}

static char *
dup_subtitle (KithBookRow *self)
{
  const char *account = kith_address_book_get_account (self->book);
  g_autofree char *state = dup_state_text (self->book);

  if (account == NULL || *account == '\0')
    return g_steal_pointer (&state);
  /* Translators: an address book's account, then how far Kith got with it */
  return g_strdup_printf (_("%s · %s"), account, state);
}

static void
sync_from_book (KithBookRow *self)
{
  g_autofree char *subtitle = dup_subtitle (self);
  g_autofree char *subtitle_markup = kith_markup_escape (subtitle);
  const char *name = kith_address_book_get_name (self->book);
  KithAddressBookState state = kith_address_book_get_state (self->book);
  /* Translators: the "Keep in sync with Kith" switch of an address book, named by the book */
  g_autofree char *label = g_strdup_printf (_("Keep “%s” in sync with Kith"), name != NULL ? name : "");

  kith_preferences_row_set_text_title (ADW_PREFERENCES_ROW (self), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle_markup);
  gtk_widget_set_visible (self->progress_bar, state == KITH_ADDRESS_BOOK_STATE_SYNCING);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), kith_address_book_get_progress (self->book));
  gtk_widget_set_visible (self->retry_button, state == KITH_ADDRESS_BOOK_STATE_ERROR);
  gtk_switch_set_active (GTK_SWITCH (self->follow_switch), kith_address_book_get_followed (self->book));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->follow_switch), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_follow_changed (GtkSwitch   *sw,
                   GParamSpec  *pspec,
                   KithBookRow *self)
{
  gboolean active = gtk_switch_get_active (sw);

  if (self->book == NULL || active == kith_address_book_get_followed (self->book))
    return;
  kith_book_service_set_followed (self->service, kith_address_book_get_uid (self->book), active);
}

/* The service has no retry of its own: following the book again opens it afresh */
static void
on_retry_clicked (GtkButton   *button,
                  KithBookRow *self)
{
  const char *uid = kith_address_book_get_uid (self->book);

  kith_book_service_set_followed (self->service, uid, FALSE);
  kith_book_service_set_followed (self->service, uid, TRUE);
}

static void
kith_book_row_constructed (GObject *object)
{
  KithBookRow *self = KITH_BOOK_ROW (object);

  G_OBJECT_CLASS (kith_book_row_parent_class)->constructed (object);

  sync_from_book (self);
  g_signal_connect_object (self->book, "notify", G_CALLBACK (sync_from_book), self, G_CONNECT_SWAPPED);
}

static void
kith_book_row_dispose (GObject *object)
{
  KithBookRow *self = KITH_BOOK_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_BOOK_ROW);
  g_clear_object (&self->book);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (kith_book_row_parent_class)->dispose (object);
}

static void
kith_book_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KithBookRow *self = KITH_BOOK_ROW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    case PROP_BOOK:
      g_value_set_object (value, self->book);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_book_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KithBookRow *self = KITH_BOOK_ROW (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    case PROP_BOOK:
      self->book = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_book_row_class_init (KithBookRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_book_row_constructed;
  object_class->dispose = kith_book_row_dispose;
  object_class->get_property = kith_book_row_get_property;
  object_class->set_property = kith_book_row_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, KITH_TYPE_BOOK_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BOOK] =
    g_param_spec_object ("book", NULL, NULL, KITH_TYPE_ADDRESS_BOOK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-book-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithBookRow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KithBookRow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, KithBookRow, follow_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_follow_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
}

static void
kith_book_row_init (KithBookRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_book_row_new (KithBookService *service,
                   KithAddressBook *book)
{
  g_return_val_if_fail (KITH_IS_BOOK_SERVICE (service), NULL);
  g_return_val_if_fail (KITH_IS_ADDRESS_BOOK (book), NULL);

  return g_object_new (KITH_TYPE_BOOK_ROW, "service", service, "book", book, NULL);
}
