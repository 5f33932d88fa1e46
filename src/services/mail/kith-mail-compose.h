/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <camel/camel.h>

#include "kith-outgoing.h"

G_BEGIN_DECLS

CamelMimeMessage     *kith_mail_compose_message    (KithOutgoing  *msg,
                                                    GError       **error);
CamelInternetAddress *kith_mail_compose_recipients (KithOutgoing  *msg,
                                                    GError       **error);

G_END_DECLS
