import type { Language, LureContext, LureCta, LureTrigger } from './vocabulary.js';

/**
 * Wording of the generated mail, per language. Each lure part (context, trigger, call to action) has its
 * own sentence so that a classifier can be scored on each. Placeholders: {brand} {amount} {ref} {date}
 * {phone} {product}. English has several variants per slot; the other languages one or two.
 */
export interface LanguagePack {
  subjects: Record<LureContext, string[]>;
  greetings: string[];
  context: Record<LureContext, string[]>;
  trigger: Record<LureTrigger, string[]>;
  cta: Record<LureCta, string>;
  /** Line naming the number when the call to action is something else. */
  callLine: string;
  /** Subject prefixes that carry the psychological trigger, as real lures often do. */
  triggerPrefix: Record<LureTrigger, string>;
  /** Subject suffix carrying the number. */
  subjectPhone: string[];
  /** Body line pointing to the attachment when the number is only there. */
  seeAttachment: string;
  closings: string[];
  noiseSubjects: string[];
  noiseBody: string;
  noiseLink: string;
  labels: { order: string; invoice: string; amount: string; date: string; tracking: string; transaction: string; ip: string; customer: string };
  products: Record<string, string>;
}

const EN: LanguagePack = {
  subjects: {
    'subscription-renewal': ['Your {brand} subscription has been renewed', '{brand} auto-renewal confirmation #{ref}', 'Membership renewal processed - {brand}'],
    'invoice-billing': ['{brand} invoice #{ref}', 'Your {brand} billing statement is ready', 'Payment receipt for order {ref}'],
    'account-security': ['{brand} security alert: unusual sign-in activity', 'Action required: your {brand} account is limited', 'Suspicious login attempt on your {brand} account'],
    'order-shipping': ['Your {brand} order #{ref} has been confirmed', 'Shipping update for your {brand} order', 'Order confirmation - {brand}'],
    'tech-support': ['{brand} technical support case #{ref}', 'Your device protection expired - {brand} Support', 'Virus detected: {brand} support ticket'],
    'refund-overpayment': ['{brand} refund of {amount} pending', 'You were overcharged - {brand} refund notice', 'Refund request #{ref} approved'],
    'service-cancelation': ['{brand} service cancelation confirmation', 'Your {brand} plan will be cancelled', 'Cancelation request received #{ref}'],
    'transaction-verification': ['{brand}: verify your recent transaction of {amount}', 'Transaction #{ref} needs your confirmation', 'Did you authorize this {brand} payment?'],
  },
  greetings: ['Dear Customer,', 'Hello,', 'Dear valued member,', 'Hi there,', 'Dear {brand} user,'],
  context: {
    'subscription-renewal': ['Your {brand} {product} subscription was renewed today for {amount}.', 'We have automatically renewed your {product} membership for another year at {amount}.'],
    'invoice-billing': ['This is your invoice for {product}: a charge of {amount} was billed to your account.', 'Your billing statement shows a payment of {amount} for {product}.'],
    'account-security': ['We detected an unusual sign-in to your {brand} account from a new device.', 'Your {brand} account has been temporarily limited after suspicious activity.'],
    'order-shipping': ['Your order for {product} ({amount}) has been confirmed and will ship soon.', 'There is a problem with the shipment of your order for {product}.'],
    'tech-support': ['Our technicians found a virus and expired protection on your computer.', 'A technical support case was opened for your {product} device.'],
    'refund-overpayment': ['You were overcharged {amount} and are eligible for a refund.', 'A refund of {amount} for {product} is waiting for your approval.'],
    'service-cancelation': ['Your request to cancel {product} has been received.', 'Your {brand} service will be cancelled on {date}.'],
    'transaction-verification': ['A transaction of {amount} to a new recipient needs your verification.', 'We could not verify a payment of {amount} made with your account.'],
  },
  trigger: {
    urgency: ['Please act within 24 hours.', 'This must be resolved today.', 'Respond immediately to avoid delays.'],
    'fear-loss': ['If you do not respond, your account will be suspended and your funds may be lost.', 'Failure to act will result in permanent account closure.'],
    confusion: ['If you did not place this order, something may be wrong with your account.', 'If you do not recognize this charge, please let us know.'],
    relief: ['Good news: you can claim your refund now.', 'You can cancel this charge and get your money back.'],
    curiosity: ['See what changed on your account.', 'Find out who accessed your account.'],
  },
  cta: {
    'call-phone': 'Call our support team at {phone} to resolve this.',
    'click-link': 'Click the link below to review the details.',
    'reply-details': 'Reply to this email with your full name, date of birth and address to verify your identity. Helpdesk: {phone}.',
    'open-attachment': 'Download and open the attached document for the details. Questions: {phone}.',
    'provide-payment': 'Confirm your card number and bank details to stop the charge. Billing desk: {phone}.',
  },
  callLine: 'Customer support: {phone}',
  triggerPrefix: { urgency: 'URGENT: ', 'fear-loss': 'Final notice: ', confusion: 'Unrecognized charge? ', relief: 'Good news: ', curiosity: 'See what changed: ' },
  subjectPhone: [' - call {phone}', ' | Helpline {phone}', ' ({phone})'],
  seeAttachment: 'Please see the attached document for the support line and details.',
  closings: ['Thank you,\n{brand} Billing Team', 'Regards,\n{brand} Customer Service', 'Sincerely,\nThe {brand} Team'],
  noiseSubjects: ['Your {brand} password expires today', 'Verify your {brand} mailbox', 'New document shared with you'],
  noiseBody: 'Your {brand} account password expires today. Keep your current password by signing in below.',
  noiseLink: 'Keep my password',
  labels: { order: 'Order ID', invoice: 'Invoice No.', amount: 'Amount', date: 'Date', tracking: 'Tracking number', transaction: 'Transaction ID', ip: 'IP address', customer: 'Customer ID' },
  products: { PayPal: 'PayPal Purchase Protection', 'Geek Squad': 'Geek Squad Total Tech Support', McAfee: 'McAfee Total Protection', 'Norton LifeLock': 'Norton 360 with LifeLock', Microsoft: 'Microsoft 365', Amazon: 'Amazon Prime', Apple: 'iCloud+', Coinbase: 'Coinbase One' },
};

const DE: LanguagePack = {
  subjects: {
    'subscription-renewal': ['Ihr {brand} Abonnement wurde verlängert'],
    'invoice-billing': ['{brand} Rechnung Nr. {ref}'],
    'account-security': ['{brand} Sicherheitswarnung: ungewöhnliche Anmeldung'],
    'order-shipping': ['Ihre {brand} Bestellung {ref} wurde bestätigt'],
    'tech-support': ['{brand} Support-Fall {ref}'],
    'refund-overpayment': ['{brand} Rückerstattung von {amount}'],
    'service-cancelation': ['Bestätigung der Kündigung Ihres {brand} Dienstes'],
    'transaction-verification': ['{brand}: Bitte bestätigen Sie die Zahlung über {amount}'],
  },
  greetings: ['Sehr geehrte Kundin, sehr geehrter Kunde,', 'Hallo,'],
  context: {
    'subscription-renewal': ['Ihr Abonnement {product} wurde heute für {amount} verlängert.'],
    'invoice-billing': ['Für {product} wurde Ihrem Konto ein Betrag von {amount} in Rechnung gestellt.'],
    'account-security': ['Wir haben eine ungewöhnliche Anmeldung bei Ihrem {brand} Konto festgestellt.'],
    'order-shipping': ['Ihre Bestellung {product} ({amount}) wurde bestätigt und wird bald versandt.'],
    'tech-support': ['Unsere Techniker haben einen Virus auf Ihrem Computer gefunden.'],
    'refund-overpayment': ['Ihnen wurden {amount} zu viel berechnet; Sie erhalten eine Rückerstattung.'],
    'service-cancelation': ['Ihre Kündigung von {product} ist bei uns eingegangen.'],
    'transaction-verification': ['Eine Zahlung über {amount} muss von Ihnen bestätigt werden.'],
  },
  trigger: {
    urgency: ['Bitte handeln Sie innerhalb von 24 Stunden.'],
    'fear-loss': ['Andernfalls wird Ihr Konto gesperrt.'],
    confusion: ['Wenn Sie diese Bestellung nicht aufgegeben haben, stimmt etwas nicht.'],
    relief: ['Gute Nachricht: Sie können Ihr Geld jetzt zurückfordern.'],
    curiosity: ['Sehen Sie, was sich in Ihrem Konto geändert hat.'],
  },
  cta: {
    'call-phone': 'Rufen Sie unseren Kundendienst unter {phone} an.',
    'click-link': 'Klicken Sie auf den Link unten.',
    'reply-details': 'Antworten Sie mit Ihrem Namen und Geburtsdatum; Hotline: {phone}.',
    'open-attachment': 'Öffnen Sie das angehängte Dokument und rufen Sie {phone} an.',
    'provide-payment': 'Rufen Sie {phone} an und bestätigen Sie Ihre Bankdaten.',
  },
  callLine: 'Kundendienst: {phone}',
  triggerPrefix: { urgency: 'DRINGEND: ', 'fear-loss': 'Letzte Mahnung: ', confusion: 'Unbekannte Abbuchung? ', relief: 'Gute Nachricht: ', curiosity: 'Sehen Sie, was sich geändert hat: ' },
  subjectPhone: [' - Tel. {phone}'],
  seeAttachment: 'Die Telefonnummer und alle Details finden Sie im Anhang.',
  closings: ['Mit freundlichen Grüßen\nIhr {brand} Team'],
  noiseSubjects: ['Ihr {brand} Passwort läuft heute ab'],
  noiseBody: 'Ihr {brand} Passwort läuft heute ab. Melden Sie sich unten an, um es zu behalten.',
  noiseLink: 'Passwort behalten',
  labels: { order: 'Bestellnummer', invoice: 'Rechnungsnummer', amount: 'Betrag', date: 'Datum', tracking: 'Sendungsnummer', transaction: 'Transaktions-ID', ip: 'IP-Adresse', customer: 'Kundennummer' },
  products: EN.products,
};

const PT: LanguagePack = {
  subjects: {
    'subscription-renewal': ['Sua assinatura {brand} foi renovada'],
    'invoice-billing': ['Fatura {brand} n.º {ref}'],
    'account-security': ['Alerta de segurança {brand}: acesso incomum'],
    'order-shipping': ['Seu pedido {brand} {ref} foi confirmado'],
    'tech-support': ['Caso de suporte técnico {brand} {ref}'],
    'refund-overpayment': ['Reembolso {brand} de {amount}'],
    'service-cancelation': ['Confirmação de cancelamento do serviço {brand}'],
    'transaction-verification': ['{brand}: confirme a transação de {amount}'],
  },
  greetings: ['Prezado cliente,', 'Olá,'],
  context: {
    'subscription-renewal': ['Sua assinatura {product} foi renovada hoje por {amount}.'],
    'invoice-billing': ['Foi cobrado o valor de {amount} referente a {product}.'],
    'account-security': ['Detectamos um acesso incomum à sua conta {brand}.'],
    'order-shipping': ['Seu pedido de {product} ({amount}) foi confirmado.'],
    'tech-support': ['Nossos técnicos encontraram um vírus no seu computador.'],
    'refund-overpayment': ['Você foi cobrado a mais em {amount} e tem direito a reembolso.'],
    'service-cancelation': ['Recebemos seu pedido de cancelamento de {product}.'],
    'transaction-verification': ['Uma transação de {amount} precisa da sua confirmação.'],
  },
  trigger: {
    urgency: ['Responda em até 24 horas.'],
    'fear-loss': ['Caso contrário, sua conta será bloqueada.'],
    confusion: ['Se você não fez este pedido, algo está errado.'],
    relief: ['Boa notícia: você pode receber seu dinheiro de volta.'],
    curiosity: ['Veja o que mudou na sua conta.'],
  },
  cta: {
    'call-phone': 'Ligue para o nosso suporte no telefone {phone}.',
    'click-link': 'Clique no link abaixo.',
    'reply-details': 'Responda com seu nome completo; central de atendimento: {phone}.',
    'open-attachment': 'Abra o documento anexo e ligue para {phone}.',
    'provide-payment': 'Ligue para {phone} e confirme os dados do seu cartão.',
  },
  callLine: 'Central de atendimento: {phone}',
  triggerPrefix: { urgency: 'URGENTE: ', 'fear-loss': 'Último aviso: ', confusion: 'Cobrança desconhecida? ', relief: 'Boa notícia: ', curiosity: 'Veja o que mudou: ' },
  subjectPhone: [' - ligue {phone}'],
  seeAttachment: 'O telefone e os detalhes estão no documento anexo.',
  closings: ['Atenciosamente,\nEquipe {brand}'],
  noiseSubjects: ['Sua senha {brand} expira hoje'],
  noiseBody: 'Sua senha {brand} expira hoje. Entre abaixo para mantê-la.',
  noiseLink: 'Manter senha',
  labels: { order: 'Pedido', invoice: 'Fatura', amount: 'Valor', date: 'Data', tracking: 'Código de rastreio', transaction: 'ID da transação', ip: 'Endereço IP', customer: 'Cliente' },
  products: EN.products,
};

const FR: LanguagePack = {
  subjects: {
    'subscription-renewal': ['Votre abonnement {brand} a été renouvelé'],
    'invoice-billing': ['Facture {brand} n° {ref}'],
    'account-security': ['Alerte de sécurité {brand} : connexion inhabituelle'],
    'order-shipping': ['Votre commande {brand} {ref} est confirmée'],
    'tech-support': ['Dossier d’assistance technique {brand} {ref}'],
    'refund-overpayment': ['Remboursement {brand} de {amount}'],
    'service-cancelation': ['Confirmation de résiliation de votre service {brand}'],
    'transaction-verification': ['{brand} : vérifiez la transaction de {amount}'],
  },
  greetings: ['Cher client,', 'Bonjour,'],
  context: {
    'subscription-renewal': ['Votre abonnement {product} a été renouvelé aujourd’hui pour {amount}.'],
    'invoice-billing': ['Un montant de {amount} a été facturé pour {product}.'],
    'account-security': ['Nous avons détecté une connexion inhabituelle à votre compte {brand}.'],
    'order-shipping': ['Votre commande {product} ({amount}) est confirmée.'],
    'tech-support': ['Nos techniciens ont détecté un virus sur votre ordinateur.'],
    'refund-overpayment': ['Vous avez été débité de {amount} en trop et avez droit à un remboursement.'],
    'service-cancelation': ['Votre demande de résiliation de {product} a été reçue.'],
    'transaction-verification': ['Une transaction de {amount} doit être vérifiée.'],
  },
  trigger: {
    urgency: ['Merci d’agir sous 24 heures.'],
    'fear-loss': ['Sans réponse, votre compte sera suspendu.'],
    confusion: ['Si vous n’avez pas passé cette commande, quelque chose ne va pas.'],
    relief: ['Bonne nouvelle : vous pouvez être remboursé dès maintenant.'],
    curiosity: ['Découvrez ce qui a changé sur votre compte.'],
  },
  cta: {
    'call-phone': 'Appelez notre service client au {phone}.',
    'click-link': 'Cliquez sur le lien ci-dessous.',
    'reply-details': 'Répondez avec votre nom complet ; assistance : {phone}.',
    'open-attachment': 'Ouvrez le document joint et appelez le {phone}.',
    'provide-payment': 'Appelez le {phone} pour confirmer vos coordonnées bancaires.',
  },
  callLine: 'Service client : {phone}',
  triggerPrefix: { urgency: 'URGENT : ', 'fear-loss': 'Dernier avis : ', confusion: 'Prélèvement inconnu ? ', relief: 'Bonne nouvelle : ', curiosity: 'Découvrez ce qui a changé : ' },
  subjectPhone: [' - appelez le {phone}'],
  seeAttachment: 'Le numéro et les détails figurent dans le document joint.',
  closings: ['Cordialement,\nL’équipe {brand}'],
  noiseSubjects: ['Votre mot de passe {brand} expire aujourd’hui'],
  noiseBody: 'Votre mot de passe {brand} expire aujourd’hui. Connectez-vous ci-dessous pour le conserver.',
  noiseLink: 'Conserver mon mot de passe',
  labels: { order: 'Commande', invoice: 'Facture', amount: 'Montant', date: 'Date', tracking: 'Numéro de suivi', transaction: 'ID de transaction', ip: 'Adresse IP', customer: 'Client' },
  products: EN.products,
};

const ES: LanguagePack = {
  subjects: {
    'subscription-renewal': ['Su suscripción de {brand} ha sido renovada'],
    'invoice-billing': ['Factura de {brand} n.º {ref}'],
    'account-security': ['Alerta de seguridad de {brand}: inicio de sesión inusual'],
    'order-shipping': ['Su pedido de {brand} {ref} ha sido confirmado'],
    'tech-support': ['Caso de soporte técnico de {brand} {ref}'],
    'refund-overpayment': ['Reembolso de {brand} por {amount}'],
    'service-cancelation': ['Confirmación de cancelación de su servicio {brand}'],
    'transaction-verification': ['{brand}: verifique la transacción de {amount}'],
  },
  greetings: ['Estimado cliente:', 'Hola:'],
  context: {
    'subscription-renewal': ['Su suscripción {product} se renovó hoy por {amount}.'],
    'invoice-billing': ['Se facturó un importe de {amount} por {product}.'],
    'account-security': ['Detectamos un inicio de sesión inusual en su cuenta de {brand}.'],
    'order-shipping': ['Su pedido de {product} ({amount}) ha sido confirmado.'],
    'tech-support': ['Nuestros técnicos encontraron un virus en su ordenador.'],
    'refund-overpayment': ['Se le cobraron {amount} de más y tiene derecho a un reembolso.'],
    'service-cancelation': ['Hemos recibido su solicitud de cancelación de {product}.'],
    'transaction-verification': ['Una transacción de {amount} necesita su verificación.'],
  },
  trigger: {
    urgency: ['Actúe en las próximas 24 horas.'],
    'fear-loss': ['De lo contrario, su cuenta será bloqueada.'],
    confusion: ['Si usted no realizó este pedido, algo anda mal.'],
    relief: ['Buenas noticias: puede recuperar su dinero ahora.'],
    curiosity: ['Vea qué cambió en su cuenta.'],
  },
  cta: {
    'call-phone': 'Llame a nuestro equipo de soporte al {phone}.',
    'click-link': 'Haga clic en el enlace de abajo.',
    'reply-details': 'Responda con su nombre completo; línea de ayuda: {phone}.',
    'open-attachment': 'Abra el documento adjunto y llame al {phone}.',
    'provide-payment': 'Llame al {phone} y confirme los datos de su tarjeta.',
  },
  callLine: 'Atención al cliente: {phone}',
  triggerPrefix: { urgency: 'URGENTE: ', 'fear-loss': 'Último aviso: ', confusion: '¿Cargo desconocido? ', relief: 'Buenas noticias: ', curiosity: 'Vea qué cambió: ' },
  subjectPhone: [' - llame al {phone}'],
  seeAttachment: 'El teléfono y los detalles están en el documento adjunto.',
  closings: ['Atentamente,\nEl equipo de {brand}'],
  noiseSubjects: ['Su contraseña de {brand} caduca hoy'],
  noiseBody: 'Su contraseña de {brand} caduca hoy. Inicie sesión abajo para conservarla.',
  noiseLink: 'Conservar contraseña',
  labels: { order: 'Pedido', invoice: 'Factura', amount: 'Importe', date: 'Fecha', tracking: 'Número de seguimiento', transaction: 'ID de transacción', ip: 'Dirección IP', customer: 'Cliente' },
  products: EN.products,
};

const NL: LanguagePack = {
  subjects: {
    'subscription-renewal': ['Uw {brand} abonnement is verlengd'],
    'invoice-billing': ['{brand} factuur nr. {ref}'],
    'account-security': ['{brand} beveiligingsmelding: ongebruikelijke aanmelding'],
    'order-shipping': ['Uw {brand} bestelling {ref} is bevestigd'],
    'tech-support': ['{brand} technische ondersteuning, zaak {ref}'],
    'refund-overpayment': ['{brand} terugbetaling van {amount}'],
    'service-cancelation': ['Bevestiging van opzegging van uw {brand} dienst'],
    'transaction-verification': ['{brand}: bevestig de transactie van {amount}'],
  },
  greetings: ['Beste klant,', 'Hallo,'],
  context: {
    'subscription-renewal': ['Uw abonnement {product} is vandaag verlengd voor {amount}.'],
    'invoice-billing': ['Er is {amount} in rekening gebracht voor {product}.'],
    'account-security': ['We hebben een ongebruikelijke aanmelding op uw {brand} account gezien.'],
    'order-shipping': ['Uw bestelling {product} ({amount}) is bevestigd.'],
    'tech-support': ['Onze technici hebben een virus op uw computer gevonden.'],
    'refund-overpayment': ['Er is {amount} te veel afgeschreven; u krijgt een terugbetaling.'],
    'service-cancelation': ['Uw opzegging van {product} is ontvangen.'],
    'transaction-verification': ['Een transactie van {amount} moet door u worden bevestigd.'],
  },
  trigger: {
    urgency: ['Reageer binnen 24 uur.'],
    'fear-loss': ['Anders wordt uw account geblokkeerd.'],
    confusion: ['Heeft u deze bestelling niet geplaatst, dan klopt er iets niet.'],
    relief: ['Goed nieuws: u kunt uw geld nu terugkrijgen.'],
    curiosity: ['Bekijk wat er in uw account is veranderd.'],
  },
  cta: {
    'call-phone': 'Bel onze klantenservice op {phone}.',
    'click-link': 'Klik op de onderstaande link.',
    'reply-details': 'Antwoord met uw volledige naam; helpdesk: {phone}.',
    'open-attachment': 'Open het bijgevoegde document en bel {phone}.',
    'provide-payment': 'Bel {phone} en bevestig uw bankgegevens.',
  },
  callLine: 'Klantenservice: {phone}',
  triggerPrefix: { urgency: 'DRINGEND: ', 'fear-loss': 'Laatste herinnering: ', confusion: 'Onbekende afschrijving? ', relief: 'Goed nieuws: ', curiosity: 'Bekijk wat er veranderd is: ' },
  subjectPhone: [' - bel {phone}'],
  seeAttachment: 'Het telefoonnummer en de details staan in de bijlage.',
  closings: ['Met vriendelijke groet,\nHet {brand} team'],
  noiseSubjects: ['Uw {brand} wachtwoord verloopt vandaag'],
  noiseBody: 'Uw {brand} wachtwoord verloopt vandaag. Meld u hieronder aan om het te behouden.',
  noiseLink: 'Wachtwoord behouden',
  labels: { order: 'Bestelnummer', invoice: 'Factuurnummer', amount: 'Bedrag', date: 'Datum', tracking: 'Trackingnummer', transaction: 'Transactie-ID', ip: 'IP-adres', customer: 'Klantnummer' },
  products: EN.products,
};

export const LANGUAGE_PACKS: Record<Language, LanguagePack> = { en: EN, de: DE, pt: PT, fr: FR, es: ES, nl: NL };

/** Replaces {name} placeholders; unknown names stay as they are so that a typo shows in the output. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
