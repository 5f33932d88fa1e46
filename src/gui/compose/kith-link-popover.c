/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithLinkPopover: asks for the address a link goes to. "example.com" is taken as
 * https://example.com and "ann@example.com" as a mailto: link; an empty address removes the
 * link. Emits `link` with the address once it is one.
 */

#define G_LOG_DOMAIN "KithLinkPopover"

#include "config.h"

#include <string.h>

#include "kith-link-popover.h"

struct _KithLinkPopover
{
  GtkPopover  parent_instance;

  GtkEntry   *url_entry;
};

G_DEFINE_FINAL_TYPE (KithLinkPopover, kith_link_popover, GTK_TYPE_POPOVER)

enum {
  LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What was typed as a full address: a scheme added where there is none */
static char *
complete_url (const char *typed)
{
  g_autofree char *url = g_strstrip (g_strdup (typed));
  const char *scheme = g_uri_peek_scheme (url);

  if (*url == '\0' || scheme != NULL)
    return g_steal_pointer (&url);
  if (strchr (url, '@') != NULL && strchr (url, '/') == NULL)
    return g_strconcat ("mailto:", url, NULL);
  return g_strconcat ("https://", url, NULL);
}

static void
on_apply_cb (KithLinkPopover *self)
{
  g_autofree char *url = complete_url (gtk_editable_get_text (GTK_EDITABLE (self->url_entry)));

  if (*url != '\0' && (strchr (url, ' ') != NULL || !g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL)))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->url_entry), "error");
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[LINK], 0, url);
}

static void
on_url_changed_cb (KithLinkPopover *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_entry), "error");
}

static void
kith_link_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_LINK_POPOVER);

  G_OBJECT_CLASS (kith_link_popover_parent_class)->dispose (object);
}

static void
kith_link_popover_class_init (KithLinkPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_link_popover_dispose;

  /* The address to link to, or "" to remove the link */
  signals[LINK] = g_signal_new ("link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/compose/kith-link-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, KithLinkPopover, url_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed_cb);
}

static void
kith_link_popover_init (KithLinkPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_link_popover_new (void)
{
  return g_object_new (KITH_TYPE_LINK_POPOVER, NULL);
}

/* Shows @url, the link's address so far (or NULL for a new link), selected for typing over */
void
kith_link_popover_set_url (KithLinkPopover *self,
                           const char      *url)
{
  g_return_if_fail (KITH_IS_LINK_POPOVER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_entry), url != NULL ? url : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_entry), "error");
  gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->url_entry), 0, -1);
}
